import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { type ScheduledKit, startScheduledKit } from '../scheduled/scheduled-kit.fixture.js';

let kit: ScheduledKit;
afterEach(() => kit.cleanup());

const berlin = 'Europe/Berlin';
const localRing = (ms: number | null | undefined) =>
  DateTime.fromMillis(ms!, { zone: berlin }).toFormat("ccc yyyy-LL-dd'T'HH:mm ZZ");
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error) => error.code,
  );

/** Lets the alarm ring at its due time, then stops it as a user would. */
async function ringAndStop(userId: string, id: string) {
  const alarm = await kit.alarms.get(userId, id);
  kit.clock.set(new Date(alarm!.dueAt!));
  await kit.scheduler.runDue();
  expect((await kit.alarms.get(userId, id))?.state).toBe('RINGING');
  kit.clock.advance(60_000);
  return kit.alarms.stop(userId, id);
}

describe('AlarmService', () => {
  it('rings a daily 07:00 alarm at 07:00 local on both sides of the March change', async () => {
    kit = await startScheduledKit(undefined, '2026-03-27T12:00:00Z');
    const alarm = await kit.alarms.create('ada', { time: '07:00', repeat: 'daily', timeZone: berlin });
    expect(localRing(alarm.ringsAt)).toBe('Sat 2026-03-28T07:00 +01:00');
    const sunday = await ringAndStop('ada', alarm.id);
    expect(sunday).toMatchObject({ state: 'SCHEDULED', ringingSince: null });
    expect(localRing(sunday.ringsAt)).toBe('Sun 2026-03-29T07:00 +02:00');
    expect(localRing((await ringAndStop('ada', alarm.id)).ringsAt)).toBe('Mon 2026-03-30T07:00 +02:00');
  });

  it('and on both sides of the October change', async () => {
    kit = await startScheduledKit(undefined, '2026-10-24T00:00:00Z');
    const alarm = await kit.alarms.create('ada', { time: '07:00', repeat: 'daily', timeZone: berlin });
    expect(localRing(alarm.ringsAt)).toBe('Sat 2026-10-24T07:00 +02:00');
    expect(localRing((await ringAndStop('ada', alarm.id)).ringsAt)).toBe('Sun 2026-10-25T07:00 +01:00');
    expect((await kit.pending()).map((p) => p.dueAt)).toEqual([Date.parse('2026-10-25T06:00:00Z')]);
  });

  it('snoozes for 9 minutes by default, rings again, and a one-off alarm is done when stopped', async () => {
    kit = await startScheduledKit();
    const alarm = await kit.alarms.create('ada', { time: '13:00', timeZone: 'UTC', label: 'lunch' });
    kit.clock.set('2026-11-26T13:00:00Z');
    await kit.scheduler.runDue();
    const snoozed = await kit.alarms.snooze('ada', alarm.id);
    expect(snoozed).toMatchObject({ state: 'SNOOZED', dueAt: Date.parse('2026-11-26T13:09:00Z') });
    expect((await kit.pending()).map((p) => p.dueAt)).toEqual([snoozed.dueAt]);
    kit.clock.set('2026-11-26T13:09:00Z');
    await kit.scheduler.runDue();
    expect((await kit.alarms.get('ada', alarm.id))?.state).toBe('RINGING');
    const done = await kit.alarms.stop('ada', alarm.id);
    expect(done).toMatchObject({ state: 'DONE', dueAt: null });
    expect(await kit.pending()).toEqual([]);
    expect((await kit.events('ada')).map((e) => e.type)).toEqual([
      'alarm.set',
      'alarm.ringing',
      'alarm.snoozed',
      'alarm.ringing',
      'alarm.stopped',
    ]);
    expect((await kit.events('ada'))[1]?.data).toMatchObject({ label: 'lunch', state: 'RINGING' });
  });

  it('refuses snooze and stop when nothing rings, and odd snooze lengths', async () => {
    kit = await startScheduledKit();
    const alarm = await kit.alarms.create('ada', { time: '13:00', timeZone: 'UTC' });
    expect(await codeOf(kit.alarms.snooze('ada', alarm.id))).toBe('HARK_ERR_INVALID_STATE');
    expect(await codeOf(kit.alarms.stop('ada', alarm.id))).toBe('HARK_ERR_INVALID_STATE');
    expect(await codeOf(kit.alarms.snooze('ada', alarm.id, 0))).toBe('HARK_ERR_INVALID_DURATION');
    expect(await codeOf(kit.alarms.snooze('ada', alarm.id, 61))).toBe('HARK_ERR_INVALID_DURATION');
  });

  it('refuses times that do not exist or have passed', async () => {
    kit = await startScheduledKit();
    const at = (date: string, time = '07:00') => kit.alarms.create('ada', { time, date, timeZone: 'UTC' });
    expect(await codeOf(at('2026-02-30'))).toBe('HARK_ERR_INVALID_TIME');
    expect(await codeOf(at('2026-11-26', '11:59'))).toBe('HARK_ERR_INVALID_TIME');
    expect(await codeOf(at('2026-11-26', '25:00'))).toBe('HARK_ERR_INVALID_TIME');
    expect(
      await codeOf(kit.alarms.create('ada', { time: '07:00', repeat: 'fortnightly', timeZone: 'UTC' })),
    ).toBe('HARK_ERR_INVALID_TIME');
    expect(await codeOf(at('2026-11-26', '12:01'))).toBe('resolved');
  });

  it('cancels every day of a repeating alarm and limits alarms per user', async () => {
    kit = await startScheduledKit({ timer: 1, alarm: 2, reminder: 1 });
    const daily = await kit.alarms.create('ada', { time: '07:00', repeat: 'weekdays', timeZone: 'UTC' });
    await kit.alarms.create('ada', { time: '08:00', timeZone: 'UTC' });
    expect(await codeOf(kit.alarms.create('ada', { time: '09:00', timeZone: 'UTC' }))).toBe(
      'HARK_ERR_LIMIT_REACHED',
    );
    expect(await kit.alarms.cancel('ada', daily.id)).toMatchObject({ state: 'CANCELLED', dueAt: null });
    expect((await kit.pending()).map((p) => p.member)).not.toContain(expect.stringContaining(daily.id));
    expect(await codeOf(kit.alarms.create('ada', { time: '09:00', timeZone: 'UTC' }))).toBe('resolved');
  });
});
