import type { IntentDefinition } from '../template-types.js';

/** Current time (optionally somewhere else) and today's date. */
export const timeIntents: readonly IntentDefinition[] = [
  {
    intent: 'time.get',
    templates: [
      'what time is it [now|right now] [<where>] [now|right now]',
      'what is the [current|local|exact] time [now|right now] [<where>] [now|right now]',
      '(do you have|have you got|got) the [current] time [<where>]',
      '(tell me|give me) [what] (the [current] time|time it is) [<where>]',
      '[the] [current|local|exact] time [now|right now] [<where>]',
      'what hour is it [<where>]',
      'what is the hour [<where>]',
      'what time (would|will) it be [now] <where>',
      'how late is it',
      'what time (do you have|have you got)',
      '[a|quick] time check',
      'what time it is [now|right now] [<where>]',
      'what the [current] time is [<where>]',
    ],
  },
  {
    intent: 'date.get',
    templates: [
      'what is (the date|the day|todays date|todays day|the date today|today|the day today|the day of the week|the day of the month)',
      '(what|which) (day|date|day of the week|day of the month) is it [today]',
      '(what|which) (day|date|day of the week) is today',
      '(tell me|give me) [what] (the date|todays date|the date today|day it is|day of the week it is)',
      '[the|todays] date [today]',
      'what (year|month) is it',
      'what (year|month) are we in',
      'what is the (year|month)',
      'what (day|date) it is [today]',
      'what the date is [today]',
      'what (day|date) today is',
      'what (todays date|the date|the day|today) is',
      'what today is',
    ],
  },
];
