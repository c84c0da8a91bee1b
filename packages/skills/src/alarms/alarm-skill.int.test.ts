import type { Slots } from '@hark/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ScheduledKit, startScheduledKit } from '../scheduled/scheduled-kit.fixture.js';
import type { Skill } from '../skill.js';
import { testContext } from '../test-context.fixture.js';
import { createAlarmSkill } from './alarm-skill.js';

let kit: ScheduledKit;
let skill: Skill;
beforeEach(async () => {
  // Thursday 26 November 2026, 13:00 in Berlin.
  kit = await startScheduledKit({ timer: 1, alarm: 3, reminder: 1 });
  skill = createAlarmSkill(kit.alarms);
});
afterEach(() => kit.cleanup());

const say = (intent: Skill['intents'][number], slots: Slots = {}, locale = 'en-US') =>
  skill.handle(
    intent,
    slots,
    testContext({ userId: 'ada', now: kit.clock.now(), timeZone: 'Europe/Berlin', locale }),
  );
const replyTo = async (intent: Skill['intents'][number], slots: Slots = {}) =>
  (await say(intent, slots)).reply.text;

async function ringNow(id: string) {
  kit.clock.set(new Date((await kit.alarms.get('ada', id))!.dueAt!));
  await kit.scheduler.runDue();
}

describe('alarm skill', () => {
  it('asks "For what time?" and sets the alarm from the answer, in the user zone', async () => {
    const question = await say('alarm.set', { label: 'gym' });
    expect(question).toMatchObject({
      reply: { text: 'For what time?' },
      followUp: { intent: 'alarm.set', slots: { label: 'gym' }, slot: 'time', kind: 'clock_time' },
    });
    const set = await say('alarm.set', { ...question.followUp!.slots, time: '07:30' });
    expect(set.reply.text).toBe('Gym alarm set for 7:30 AM tomorrow.');
    expect(set.data?.alarm).toMatchObject({ ringsAt: '2026-11-27T06:30:00.000Z', timeZone: 'Europe/Berlin' });
  });

  it('says repeating days, dates, and the time as the locale does', async () => {
    expect(await replyTo('alarm.set', { time: '07:00', repeat: 'weekdays' })).toBe(
      'Alarm set for 7:00 AM on weekdays.',
    );
    expect(await replyTo('alarm.set', { time: '18:00' })).toBe('Alarm set for 6:00 PM today.');
    const british = await say('alarm.set', { time: '09:15', date: '2026-12-24' }, 'en-GB');
    expect(british.reply.text).toBe('Alarm set for 09:15 on December 24.');
    expect(await replyTo('alarm.list')).toBe(
      'You have 3 alarms: 6:00 PM today, 7:00 AM on weekdays and 9:15 AM on December 24.',
    );
  });

  it('refuses a time that has passed, and more alarms than allowed', async () => {
    expect(await replyTo('alarm.set', { time: '07:00', date: '2026-11-26' })).toBe(
      "That time has already passed, so I can't set an alarm for it.",
    );
    for (const time of ['07:00', '08:00', '09:00']) await say('alarm.set', { time });
    expect(await replyTo('alarm.set', { time: '10:00' })).toBe(
      'You already have 3 alarms, the most you can have. Cancel one first.',
    );
  });

  it('snoozes the ringing alarm, and "turn off the alarm" stops it rather than cancelling every day', async () => {
    const set = await say('alarm.set', { time: '07:00', repeat: 'daily' });
    const id = (set.data!.alarm as { id: string }).id;
    expect(await replyTo('alarm.snooze')).toBe('No alarm is ringing right now.');
    await ringNow(id);
    expect(await replyTo('alarm.list')).toBe('You have one alarm: 7:00 AM every day, ringing now.');
    expect(await replyTo('alarm.snooze', { minutes: 5 })).toBe('Snoozed for 5 minutes.');
    expect(await replyTo('alarm.list')).toBe('You have one alarm: 7:00 AM every day, snoozed until 7:05 AM.');
    await ringNow(id);
    expect(await replyTo('alarm.cancel')).toBe('Alarm stopped.');
    expect(await kit.alarms.get('ada', id)).toMatchObject({
      state: 'SCHEDULED',
      ringsAt: Date.parse('2026-11-28T06:00:00Z'),
    });
  });

  it('cancels the alarm named, or asks which one', async () => {
    await say('alarm.set', { time: '07:00', repeat: 'weekdays', label: 'work' });
    await say('alarm.set', { time: '09:30' });
    expect(await replyTo('alarm.cancel', { time: '08:00' })).toBe("You don't have an alarm at 8:00 AM.");
    const question = await say('alarm.cancel');
    expect(question.reply.text).toBe('Which alarm: work at 7:00 AM on weekdays or 9:30 AM tomorrow?');
    const [, late] = question.followUp!.choices!;
    expect(late?.phrases).toEqual(expect.arrayContaining(['9:30', '9:30 am', 'nine thirty']));
    expect(await replyTo('alarm.cancel', { ...question.followUp!.slots, alarm_id: late!.value })).toBe(
      'Cancelled your 9:30 AM alarm tomorrow.',
    );
    expect(await replyTo('alarm.cancel', { label: 'Work' })).toBe(
      'Cancelled your work alarm at 7:00 AM on weekdays.',
    );
    expect(await replyTo('alarm.list')).toBe("You don't have any alarms set.");
  });
});
