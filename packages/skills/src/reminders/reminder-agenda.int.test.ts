import type { Slots } from '@hark/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ScheduledKit, startScheduledKit } from '../scheduled/scheduled-kit.fixture.js';
import type { Skill } from '../skill.js';
import { testContext } from '../test-context.fixture.js';
import { createReminderSkill } from './reminder-skill.js';

let kit: ScheduledKit;
let skill: Skill;
beforeEach(async () => {
  // Thursday 26 November 2026, 7:00 in New York.
  kit = await startScheduledKit({ timer: 1, alarm: 1, reminder: 5 });
  skill = createReminderSkill(kit.reminders);
});
afterEach(() => kit.cleanup());

const say = (intent: Skill['intents'][number], slots: Slots = {}) =>
  skill.handle(
    intent,
    slots,
    testContext({ userId: 'ada', now: kit.clock.now(), timeZone: 'America/New_York' }),
  );
const replyTo = async (intent: Skill['intents'][number], slots: Slots = {}) =>
  (await say(intent, slots)).reply.text;

async function addReminders() {
  await say('reminder.create', { text: 'pay the rent', at: '2026-11-27T09:00' });
  await say('reminder.create', { text: 'call mom', at: '2026-11-26T17:00' });
  await say('reminder.create', { text: 'the dentist', at: '2026-11-27T15:30' });
}

describe('reminder skill: the next reminder, and one day', () => {
  it('tells the next reminder and how far away it is', async () => {
    expect(await replyTo('reminder.list', { which: 'next' })).toBe("You don't have any reminders.");
    await addReminders();
    const next = await say('reminder.list', { which: 'next' });
    expect(next.reply.text).toBe('Your next reminder is call mom, today at 5:00 PM, in 10 hours.');
    expect(next.data).toMatchObject({ reminders: [{ text: 'call mom' }] });
    expect(await replyTo('reminder.list', { which: 'next', text: 'dentist' })).toBe(
      'Your next reminder is the dentist, tomorrow at 3:30 PM, in 1 day and 9 hours.',
    );
  });

  it('lists the reminders due on a day, in the user zone', async () => {
    await addReminders();
    expect(await replyTo('reminder.list', { day: '2026-11-26' })).toBe(
      'You have one reminder today: call mom at 5:00 PM.',
    );
    expect(await replyTo('reminder.list', { day: '2026-11-27' })).toBe(
      'You have 2 reminders tomorrow: pay the rent at 9:00 AM and the dentist at 3:30 PM.',
    );
    expect(await replyTo('reminder.list', { day: '2026-11-29' })).toBe(
      "You don't have any reminders on Sunday.",
    );
    expect(await replyTo('reminder.list', { day: '2026-11-27', which: 'next' })).toBe(
      'Your first reminder tomorrow is pay the rent, at 9:00 AM, in 1 day and 2 hours.',
    );
  });
});
