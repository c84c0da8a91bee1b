/**
 * The fixed script of the token bench (test/bench/llm-tokens.ts) and its behaviour test
 * (tools/tool-selection.int.test.ts): 50 premium turns in 15 sessions of one user, mixed as a
 * premium user's day is: chit-chat, questions, requests that need a skill, and follow-ups that
 * only make sense with the session's memory. Each turn names the tool call it needs, or none.
 * The texts are of the kind the recogniser leaves to the premium path (indirect, chatty).
 */

export interface ScriptedNeed {
  tool: string;
  arguments: Record<string, unknown>;
}

export interface ScriptedTurn {
  session: string;
  text: string;
  needs: ScriptedNeed | null;
}

const need = (tool: string, args: Record<string, unknown> = {}): ScriptedNeed => ({ tool, arguments: args });

const sessions: [string, [string, ScriptedNeed | null][]][] = [
  [
    'jokes',
    [
      ['Tell me a joke about penguins.', null],
      ['Another one, please.', null],
      ['Why is that funny?', null],
    ],
  ],
  [
    'trivia',
    [
      ["What's the tallest mountain in Africa?", null],
      ['How far is it from Paris to Lyon by train?', null],
      ['Who wrote Pride and Prejudice?', null],
      ["What's a good name for a grey cat?", null],
    ],
  ],
  [
    'eggs',
    [
      [
        "I'm making soft boiled eggs, can you time them for me?",
        need('timer_start', { duration_seconds: 360, name: 'eggs' }),
      ],
      ['Actually give them one more minute.', need('timer_add_time', { delta_seconds: 60, name: 'eggs' })],
      ['How much longer do the eggs have?', need('timer_status', { name: 'eggs' })],
      ['What should I serve with them?', null],
    ],
  ],
  [
    'flight',
    [
      [
        'I need to be up early for my flight tomorrow, wake me at quarter past five',
        need('alarm_set', { time: '05:15', date: '2026-11-27', label: 'flight' }),
      ],
      ['Which alarms do I have now?', need('alarm_list')],
      ['How many hours of sleep will I get if I go to bed at eleven?', null],
    ],
  ],
  [
    'errands',
    [
      [
        'Could you remind me to call my mother this evening at seven?',
        need('reminder_create', { text: 'call my mother', at: '2026-11-26T19:00' }),
      ],
      [
        'And in twenty minutes I have to take the bread out.',
        need('reminder_create', { text: 'take the bread out', in_seconds: 1_200 }),
      ],
      ['What have I got coming up?', need('reminder_list')],
      ["Thanks, that's all.", null],
    ],
  ],
  [
    'groceries',
    [
      [
        "We're out of oat milk and coffee beans, put them on the shopping list",
        need('list_add', { item: 'oat milk, coffee beans', list: 'shopping' }),
      ],
      ["What's on it now?", need('list_read', { list: 'shopping' })],
      ['Give me a quick recipe that uses oat milk.', null],
      ['Start a packing list for my ski trip', need('list_create', { list: 'packing' })],
      ['Put gloves and goggles on that one', need('list_add', { item: 'gloves, goggles', list: 'packing' })],
    ],
  ],
  [
    'outdoors',
    [
      ['Should I bring an umbrella to work today?', need('weather_get', { day: 'today' })],
      ['And what about in Oslo tomorrow?', need('weather_get', { location: 'Oslo', day: 'tomorrow' })],
      [
        'Is Saturday looking nice for a picnic in Paris?',
        need('weather_get', { location: 'Paris', day: '2026-11-28' }),
      ],
    ],
  ],
  [
    'family',
    [
      ["What time is it in Tokyo right now? My sister's there.", need('time_get', { location: 'Tokyo' })],
      ['Is it too late to call her?', null],
      ['How many days until christmas?', need('date_get', { holiday: 'christmas', ask: 'days_until' })],
      [
        'What day of the week is the 3rd of January?',
        need('date_get', { day: '2027-01-03', ask: 'weekday' }),
      ],
    ],
  ],
  [
    'baking',
    [
      [
        'My recipe says 2 cups of milk, how many milliliters is that?',
        need('units_convert', { value: 2, from: 'cups', to: 'milliliters' }),
      ],
      [
        'And 350 Fahrenheit in Celsius?',
        need('units_convert', { value: 350, from: 'fahrenheit', to: 'celsius' }),
      ],
      ["What's the difference between baking soda and baking powder?", null],
    ],
  ],
  [
    'calm',
    [
      ["I'm feeling a bit stressed about work.", null],
      ['Can you suggest a short breathing exercise?', null],
      [
        'Time me for four minutes while I do it.',
        need('timer_start', { duration_seconds: 240, name: 'breathing' }),
      ],
      ['That helped, thank you.', null],
    ],
  ],
  [
    'science',
    [
      ['Explain what a black hole is in simple words.', null],
      ['How do plants make food?', null],
      ['Translate good morning into Italian.', null],
      ['What is the square root of 144?', null],
    ],
  ],
  [
    'mornings',
    [
      [
        'I want to get up at seven thirty on weekdays.',
        need('alarm_set', { time: '07:30', repeat: 'weekdays' }),
      ],
      ['Hmm, make that seven forty five instead.', need('alarm_set', { time: '07:45', repeat: 'weekdays' })],
      ['And get rid of the seven thirty one.', need('alarm_cancel', { time: '07:30' })],
    ],
  ],
  [
    'about',
    [
      ['What sort of things can you do for me?', need('system_help')],
      ["Is there anything you can't do?", null],
    ],
  ],
  [
    'tidying',
    [
      [
        'Take coffee beans off my shopping list, I bought some',
        need('list_remove', { item: 'coffee beans', list: 'shopping' }),
      ],
      ['Which lists have I got?', need('list_list')],
    ],
  ],
  [
    'evening',
    [
      ["Get rid of every countdown that's still running", need('timer_cancel_all')],
      ['Write me a two line poem about autumn.', null],
    ],
  ],
];

export const tokenScript: readonly ScriptedTurn[] = sessions.flatMap(([session, turns]) =>
  turns.map(([text, needs]) => ({ session, text, needs })),
);
