import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ScheduledKit, startScheduledKit } from '../scheduled/scheduled-kit.fixture.js';

let kit: ScheduledKit;
beforeEach(async () => {
  kit = await startScheduledKit({ timer: 1, alarm: 1, reminder: 2 });
});
afterEach(() => kit.cleanup());

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error) => error.code,
  );

describe('ReminderService', () => {
  it('is due after a delay, or at a local time in the given zone', async () => {
    const soon = await kit.reminders.create('ada', { text: 'call mom', inSeconds: 600, timeZone: 'UTC' });
    expect(soon).toMatchObject({
      state: 'SCHEDULED',
      dueAt: Date.parse('2026-11-26T12:10:00Z'),
      text: 'call mom',
    });
    const later = await kit.reminders.create('ada', {
      text: '  take   out the bins ',
      at: '2026-11-26T17:00',
      timeZone: 'America/New_York',
    });
    expect(later).toMatchObject({ dueAt: Date.parse('2026-11-26T22:00:00Z'), text: 'take out the bins' });
    expect((await kit.pending()).map((p) => p.dueAt)).toEqual([soon.dueAt, later.dueAt]);
  });

  it('fires once with reminder.due, then ages out', async () => {
    const reminder = await kit.reminders.create('ada', { text: 'call mom', inSeconds: 60, timeZone: 'UTC' });
    kit.clock.advance(60_000);
    await kit.scheduler.runDue();
    await kit.scheduler.runDue();
    expect(await kit.reminders.get('ada', reminder.id)).toMatchObject({
      state: 'DONE',
      firedAt: kit.clock.now().toISOString(),
    });
    const events = await kit.events('ada');
    expect(events.map((e) => e.type)).toEqual(['reminder.created', 'reminder.due']);
    expect(events[1]?.data).toMatchObject({ id: reminder.id, text: 'call mom', state: 'DONE' });
    expect(await kit.redis.ttl(kit.keys.item('ada', 'reminder', reminder.id))).toBeGreaterThan(3_500);
  });

  it('refuses times that have passed or do not exist, and delays over a year', async () => {
    const at = (value: string) => kit.reminders.create('ada', { text: 'x', at: value, timeZone: 'UTC' });
    expect(await codeOf(at('2026-11-26T11:00'))).toBe('HARK_ERR_INVALID_TIME');
    expect(await codeOf(at('2026-02-30T11:00'))).toBe('HARK_ERR_INVALID_TIME');
    expect(
      await codeOf(kit.reminders.create('ada', { text: 'x', inSeconds: 400 * 86_400, timeZone: 'UTC' })),
    ).toBe('HARK_ERR_INVALID_DURATION');
  });

  it('cancels, reschedules (also one already due) and limits pending reminders', async () => {
    const a = await kit.reminders.create('ada', { text: 'a', inSeconds: 60, timeZone: 'UTC' });
    await kit.reminders.create('ada', { text: 'b', inSeconds: 120, timeZone: 'UTC' });
    expect(await codeOf(kit.reminders.create('ada', { text: 'c', inSeconds: 60, timeZone: 'UTC' }))).toBe(
      'HARK_ERR_LIMIT_REACHED',
    );
    kit.clock.advance(60_000);
    await kit.scheduler.runDue();
    const again = await kit.reminders.reschedule('ada', a.id, { inSeconds: 600, timeZone: 'UTC' });
    expect(again).toMatchObject({
      state: 'SCHEDULED',
      dueAt: kit.clock.now().getTime() + 600_000,
      firedAt: null,
    });
    const cancelled = await kit.reminders.cancel('ada', a.id);
    expect(cancelled.state).toBe('CANCELLED');
    expect(await codeOf(kit.reminders.cancel('ada', a.id))).toBe('HARK_ERR_INVALID_STATE');
    expect(await codeOf(kit.reminders.reschedule('ada', a.id, { inSeconds: 60, timeZone: 'UTC' }))).toBe(
      'HARK_ERR_INVALID_STATE',
    );
    expect((await kit.pending()).map((p) => p.member).join()).not.toContain(a.id);
  });
});
