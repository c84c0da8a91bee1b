import type { IntentDefinition } from '../template-types.js';

/** Current time, here or in a place (a city, a country, a state). Dates are in date.ts. */
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
];
