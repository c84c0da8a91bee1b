import type { IntentDefinition } from '../template-types.js';

/** Current time (optionally somewhere else) and today's date. */
export const timeIntents: readonly IntentDefinition[] = [
  {
    intent: 'time.get',
    templates: [
      'what time is it [now|right now] [<where>] [right now]',
      'what is the [current|local] time [now|right now] [<where>]',
      '(tell me|give me|do you know|do you have) [what] (the [current] time|time it is) [<where>]',
      '[the] [current|local] time [now|right now]',
      '[the] [current|local] time <where>',
      'what hour is it [<where>]',
      'how late is it',
    ],
  },
  {
    intent: 'date.get',
    templates: [
      'what is (the date|the day|todays date|the date today|today|the day today)',
      'what (day|date|day of the week) is it [today]',
      'what day is today',
      '(tell me|give me|do you know) [what] (the date|todays date|the date today|day it is|day of the week it is)',
      '[the|todays] date [today]',
      'what (year|month) is it',
    ],
  },
];
