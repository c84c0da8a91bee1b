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
  kit = await startScheduledKit({ timer: 1, alarm: 5, reminder: 1 });
  skill = createAlarmSkill(kit.alarms);
});
afterEach(() => kit.cleanup());

const say = (intent: Skill['intents'][number], slots: Slots = {}, deviceId: string | null = null) =>
  skill.handle(
    intent,
    slots,
    testContext({ userId: 'ada', now: kit.clock.now(), timeZone: 'Europe/Berlin', deviceId }),
  );
const replyTo = async (intent: Skill['intents'][number], slots: Slots = {}, deviceId: string | null = null) =>
  (await say(intent, slots, deviceId)).reply.text;

describe('alarm skill: when alarms ring', () => {
  it('tells when the next alarm goes off, and how far away it is', async () => {
    expect(await replyTo('alarm.list', { which: 'next' })).toBe("You don't have any alarms set.");
    await say('alarm.set', { time: '07:00', repeat: 'weekdays', label: 'work' });
    expect(await replyTo('alarm.list', { which: 'next' })).toBe(
      'Your next alarm, work, is at 7:00 AM tomorrow, in 18 hours.',
    );
    await say('alarm.set', { time: '18:00' });
    const next = await say('alarm.list', { which: 'next' });
    expect(next.reply.text).toBe('Your next alarm is at 6:00 PM today, in 5 hours.');
    expect(next.data).toMatchObject({ rings: [{ at: '2026-11-26T17:00:00.000Z' }] });
  });

  it('tells which alarms ring on a day, repeating ones included', async () => {
    await say('alarm.set', { time: '07:00', repeat: 'weekdays', label: 'work' });
    await say('alarm.set', { time: '09:30', date: '2026-11-28' });
    await say('alarm.set', { time: '18:00' });
    expect(await replyTo('alarm.list', { day: '2026-11-26' })).toBe('You have one alarm today: 6:00 PM.');
    expect(await replyTo('alarm.list', { day: '2026-11-27' })).toBe(
      'You have one alarm tomorrow: work at 7:00 AM.',
    );
    expect(await replyTo('alarm.list', { day: '2026-11-28' })).toBe(
      'You have one alarm on Saturday: 9:30 AM.',
    );
    expect(await replyTo('alarm.list', { day: '2026-11-29' })).toBe("You don't have any alarms on Sunday.");
    expect(await replyTo('alarm.list', { day: '2026-11-30' })).toBe(
      'You have one alarm on Monday: work at 7:00 AM.',
    );
    expect(await replyTo('alarm.list', { day: '2026-11-30', which: 'next' })).toBe(
      'Your first alarm on Monday, work, is at 7:00 AM, in 3 days and 18 hours.',
    );
  });
});

describe('alarm skill: rooms', () => {
  it('names an alarm by its room, and cancels by room: its label or the device it was set on', async () => {
    expect(await replyTo('alarm.set', { time: '07:00', room: 'bedroom' })).toBe(
      'Bedroom alarm set for 7:00 AM tomorrow.',
    );
    await say('alarm.set', { time: '06:30' }, 'kids-room-echo');
    expect(await replyTo('alarm.cancel', { room: 'garage' })).toBe("You don't have an alarm in the garage.");
    expect(await replyTo('alarm.cancel', { room: 'kids room' })).toBe(
      'Cancelled your 6:30 AM alarm tomorrow.',
    );
    expect(await replyTo('alarm.cancel', { room: 'bedroom' })).toBe(
      'Cancelled your bedroom alarm at 7:00 AM tomorrow.',
    );
  });

  it('"turn off the alarm in the kids room" stops the one ringing there, not the others', async () => {
    const kids = await say('alarm.set', { time: '07:00', repeat: 'daily' }, 'KidsRoom');
    const kitchen = await say('alarm.set', { time: '07:00', repeat: 'daily' }, 'Kitchen Echo');
    kit.clock.set('2026-11-27T06:00:00Z');
    await kit.scheduler.runDue();
    expect(await replyTo('alarm.cancel', { room: 'kids room' })).toBe('Alarm stopped.');
    const state = async (result: typeof kids) =>
      (await kit.alarms.get('ada', (result.data!.alarm as { id: string }).id))?.state;
    expect(await state(kids)).toBe('SCHEDULED');
    expect(await state(kitchen)).toBe('RINGING');
  });
});
