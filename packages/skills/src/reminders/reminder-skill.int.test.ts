import type { Slots } from '@hark/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ScheduledKit, startScheduledKit } from '../scheduled/scheduled-kit.fixture.js';
import type { Skill } from '../skill.js';
import { testContext } from '../test-context.fixture.js';
import { createReminderSkill } from './reminder-skill.js';

let kit: ScheduledKit;
let skill: Skill;
beforeEach(async () => {
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

describe('reminder skill', () => {
  it('asks what, then when, and creates the reminder from the answers', async () => {
    const what = await say('reminder.create');
    expect(what).toMatchObject({
      reply: { text: 'What should I remind you about?' },
      followUp: { intent: 'reminder.create', slot: 'text', kind: 'text' },
    });
    const when = await say('reminder.create', { ...what.followUp!.slots, text: 'call mom' });
    expect(when).toMatchObject({
      reply: { text: 'When should I remind you?' },
      followUp: { slots: { text: 'call mom' }, slot: 'time', kind: 'clock_time' },
    });
    // 07:00 in New York is 12:00 UTC; 06:00 has passed today, so it is tomorrow.
    expect(await replyTo('reminder.create', { ...when.followUp!.slots, time: '06:00' })).toBe(
      "OK, I'll remind you tomorrow at 6:00 AM: call mom.",
    );
    expect(await replyTo('reminder.create', { text: 'stretch', time: '17:00' })).toBe(
      "OK, I'll remind you today at 5:00 PM: stretch.",
    );
  });

  it('takes a delay or a local date-time, and refuses one that passed', async () => {
    expect(await replyTo('reminder.create', { text: 'take the pizza out', in_seconds: 1200 })).toBe(
      "OK, I'll remind you in 20 minutes: take the pizza out.",
    );
    const dentist = await say('reminder.create', { text: 'the dentist', at: '2026-11-30T09:00' });
    expect(dentist.reply.text).toBe("OK, I'll remind you on Monday at 9:00 AM: the dentist.");
    expect(dentist.data?.reminder).toMatchObject({ dueAt: '2026-11-30T14:00:00.000Z' });
    expect(await replyTo('reminder.create', { text: 'x', at: '2026-11-26T06:00' })).toBe(
      'That time has already passed. When should I remind you?',
    );
  });

  it('lists, filters by topic, and cancels the one meant or asks which', async () => {
    await say('reminder.create', { text: 'call mom', in_seconds: 600 });
    await say('reminder.create', { text: 'call the bank', in_seconds: 1200 });
    await say('reminder.create', { text: 'water the plants', in_seconds: 1800 });
    expect(await replyTo('reminder.list', { text: 'plants' })).toBe(
      'You have one reminder: water the plants today at 7:30 AM.',
    );
    expect(await replyTo('reminder.list', { text: 'taxes' })).toBe(
      "You don't have any reminders about taxes.",
    );
    const question = await say('reminder.cancel', { text: 'call' });
    expect(question.reply.text).toBe('Which reminder: call mom or call the bank?');
    const bank = question.followUp!.choices![1]!;
    expect(await replyTo('reminder.cancel', { ...question.followUp!.slots, reminder_id: bank.value })).toBe(
      'Cancelled the reminder: call the bank.',
    );
    expect(await replyTo('reminder.cancel', { text: 'mom' })).toBe('Cancelled the reminder: call mom.');
    expect(await replyTo('reminder.list')).toBe('You have one reminder: water the plants today at 7:30 AM.');
  });
});
