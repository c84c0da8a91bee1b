import type { IntentName, Slots } from '@hark/contracts';
import { describe, expect, it } from 'vitest';
import { analyze } from './normalize.js';
import { scanSlots } from './slot-scan.js';

/** A Wednesday evening, as the fixtures' context.ts: "tomorrow" is 2026-03-05. */
const WEDNESDAY_EVENING = { today: '2026-03-04', time: '18:30' };

/**
 * Slots for an intent the model chose, found anywhere in phrasings no template has: the same
 * parsers and resolvers as the templates, so the values mean the same thing.
 */
describe('scanSlots', () => {
  it.each<[IntentName, string, Slots]>([
    ['units.convert', 'how many cups in a liter', { value: 1, from: 'l', to: 'cup' }],
    ['units.convert', 'so 5 miles is what in km', { value: 5, from: 'mi', to: 'km' }],
    ['timer.cancel', 'kill the timer in the bedroom', { room: 'bedroom' }],
    ['timer.status', 'how are the potatoes doing on the pasta timer', { name: 'pasta' }],
    ['alarm.list', 'when does my alarm go off tomorrow', { which: 'next', day: '2026-03-05' }],
    ['reminder.list', 'any reminders today', { day: '2026-03-04' }],
    [
      'reminder.create',
      'give me a shout tomorrow at 9 to ring the boiler man',
      { at: '2026-03-05T09:00', text: 'ring the boiler man' },
    ],
    [
      'reminder.create',
      'nudge me in 20 minutes about the laundry',
      { in_seconds: 1200, text: 'the laundry' },
    ],
    [
      'list.add',
      'we need 6 cans of tuna put them on my shopping list',
      { item: '6 cans of tuna', list: 'shopping' },
    ],
    ['list.add', 'cheerios on the shopping list', { item: 'cheerios', list: 'shopping' }],
    ['list.add', 'we are out of milk stick it on the shopping list', { item: 'milk', list: 'shopping' }],
    ['list.add', 'chuck some bananas on the list would you', { item: 'some bananas', list: 'shopping' }],
    [
      'list.add',
      'we need toilet paper can you add that to the list',
      { item: 'toilet paper', list: 'shopping' },
    ],
    ['weather.get', 'what is it like in cape town tomorrow', { location: 'cape town', day: 'tomorrow' }],
    ['time.get', 'what is the clock in karachi', { location: 'karachi' }],
    ['date.get', 'my rent is due on the 28th what day is that', { day: '2026-03-28', ask: 'weekday' }],
    ['date.get', 'christmas how many days away', { holiday: 'christmas', ask: 'days_until' }],
    ['alarm.set', 'the kids have school tomorrow alarm for 6:45', { time: '06:45', date: '2026-03-05' }],
    ['system.help', 'erm what is this thing for', {}],
  ])('%s: %s', (intent, text, slots) => {
    expect(scanSlots(intent, analyze(text), WEDNESDAY_EVENING)).toEqual(slots);
  });

  it.each<[IntentName, string]>([
    ['list.add', 'add it to the list'],
    ['timer.add_time', 'add some time to my timer'],
    ['units.convert', 'convert cups to grams'],
  ])('finds nothing complete for %s in "%s": a required slot is missing', (intent, text) => {
    expect(scanSlots(intent, analyze(text), WEDNESDAY_EVENING)).toBeNull();
  });
});
