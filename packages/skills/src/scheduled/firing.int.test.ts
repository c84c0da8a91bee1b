import { memberOf } from '@hark/scheduling';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ScheduledKit, startScheduledKit } from './scheduled-kit.fixture.js';

let kit: ScheduledKit;
beforeEach(async () => {
  kit = await startScheduledKit();
});
afterEach(() => kit.cleanup());

const entry = (member: string) => ({ member, dueAt: Number(member.split('|')[4]) });
const eventTypes = async (userId = 'ada') => (await kit.events(userId)).map((event) => event.type);

describe('firing timers, alarms and reminders (Scheduler -> due handler -> fireDue)', () => {
  it('does nothing for a stale member, acknowledges it, and keeps the current one scheduled', async () => {
    const timer = await kit.timers.start('ada', { durationSeconds: 60 });
    const stale = memberOf({
      kind: 'timer',
      userId: 'ada',
      itemId: timer.id,
      version: 1,
      dueAt: timer.dueAt!,
    });
    const extended = await kit.timers.addTime('ada', timer.id, 60);
    await kit.redis.zrem(kit.keys.scheduleDue(), ...(await kit.pending()).map((p) => p.member)); // lost, somehow
    kit.clock.advance(60_000);
    expect(await kit.handleDue([entry(stale)])).toEqual([stale]);
    expect(await kit.timers.get('ada', timer.id)).toMatchObject({ state: 'ON', version: 2 });
    expect(await eventTypes()).toEqual(['timer.started', 'timer.updated']);
    expect((await kit.pending()).map((p) => p.member)).toEqual([
      memberOf({ kind: 'timer', userId: 'ada', itemId: timer.id, version: 2, dueAt: extended.dueAt! }),
    ]);
  });

  it('fires only when both the version and the due time match', async () => {
    const timer = await kit.timers.start('ada', { durationSeconds: 60 });
    kit.clock.advance(60_000);
    const ref = { kind: 'timer' as const, userId: 'ada', itemId: timer.id, version: 1, dueAt: timer.dueAt! };
    await kit.handleDue([
      entry(memberOf({ ...ref, dueAt: ref.dueAt - 1 })),
      entry(memberOf({ ...ref, version: 2 })),
    ]);
    expect((await kit.timers.get('ada', timer.id))?.state).toBe('ON');
    await kit.handleDue([entry(memberOf(ref))]);
    expect((await kit.timers.get('ada', timer.id))?.state).toBe('FINISHED');
  });

  it('a paused timer does not fire at its old due time (crash after the change, before the unschedule)', async () => {
    const timer = await kit.timers.start('ada', { durationSeconds: 60 });
    const old = (await kit.pending())[0]!;
    await kit.timers.pause('ada', timer.id);
    await kit.scheduler.schedule(old.member, old.dueAt); // as if the process died before unscheduling it
    kit.clock.advance(120_000);
    expect(await kit.scheduler.runDue()).toBe(1);
    expect(await kit.timers.get('ada', timer.id)).toMatchObject({ state: 'PAUSED', remainingMs: 60_000 });
    expect(await eventTypes()).not.toContain('timer.finished');
  });

  it('a member scheduled for a change that never got written is harmless (crash before the compare-and-set)', async () => {
    const timer = await kit.timers.start('ada', { durationSeconds: 120 });
    const neverWritten = {
      kind: 'timer' as const,
      userId: 'ada',
      itemId: timer.id,
      version: 2,
      dueAt: timer.dueAt! - 60_000,
    };
    await kit.scheduler.schedule(memberOf(neverWritten), neverWritten.dueAt);
    kit.clock.advance(60_000);
    await kit.scheduler.runDue();
    expect((await kit.timers.get('ada', timer.id))?.state).toBe('ON');
    kit.clock.advance(60_000);
    await kit.scheduler.runDue();
    expect((await kit.timers.get('ada', timer.id))?.state).toBe('FINISHED');
  });

  it('fires once when the same member is handled twice (crash after the change, before the acknowledgement)', async () => {
    const timer = await kit.timers.start('ada', { durationSeconds: 60 });
    const member = (await kit.pending())[0]!.member;
    kit.clock.advance(60_000);
    expect(await kit.handleDue([entry(member)])).toEqual([member]);
    kit.clock.advance(30_000); // the lease ran out and another instance claims it again
    expect(await kit.handleDue([entry(member)])).toEqual([member]);
    expect(await eventTypes()).toEqual(['timer.started', 'timer.finished']);
    expect((await kit.timers.get('ada', timer.id))?.version).toBe(2);
  });

  it('marks what fires more than a second late, e.g. after a restart', async () => {
    await kit.timers.start('ada', { durationSeconds: 10 });
    await kit.reminders.create('ada', { text: 'call mom', inSeconds: 10, timeZone: 'UTC' });
    kit.clock.advance(10_000 + 5 * 60_000);
    expect(await kit.scheduler.runDue()).toBe(2);
    const fired = (await kit.events('ada')).filter(
      (e) => e.type === 'timer.finished' || e.type === 'reminder.due',
    );
    // Fired concurrently, so in either order.
    expect(fired.map((e) => [e.type, e.data.late, e.data.latenessMs]).sort()).toEqual([
      ['reminder.due', true, 300_000],
      ['timer.finished', true, 300_000],
    ]);
  });

  it('is not late within a second', async () => {
    await kit.timers.start('ada', { durationSeconds: 10 });
    kit.clock.advance(11_000);
    await kit.scheduler.runDue();
    expect((await kit.events('ada')).at(-1)?.data).not.toHaveProperty('late');
  });

  it('reschedules a repeating alarm for its next day after it rang', async () => {
    const alarm = await kit.alarms.create('ada', { time: '07:00', repeat: 'daily', timeZone: 'UTC' });
    expect(alarm.ringsAt).toBe(Date.parse('2026-11-27T07:00:00Z'));
    kit.clock.set('2026-11-27T07:00:00Z');
    await kit.scheduler.runDue();
    const ringing = await kit.alarms.get('ada', alarm.id);
    expect(ringing).toMatchObject({ state: 'RINGING', dueAt: Date.parse('2026-11-27T07:10:00Z') });
    expect((await kit.pending()).map((p) => p.dueAt)).toEqual([ringing!.dueAt]);
    kit.clock.set('2026-11-27T07:10:00Z'); // nobody stopped it: it stops itself
    await kit.scheduler.runDue();
    expect(await kit.alarms.get('ada', alarm.id)).toMatchObject({
      state: 'SCHEDULED',
      ringsAt: Date.parse('2026-11-28T07:00:00Z'),
    });
    expect((await kit.pending()).map((p) => p.dueAt)).toEqual([Date.parse('2026-11-28T07:00:00Z')]);
    expect(await eventTypes()).toEqual(['alarm.set', 'alarm.ringing', 'alarm.stopped']);
  });

  it('fires thousands due at once, for many users, in one pass', async () => {
    const users = Array.from({ length: 100 }, (_, i) => `user${i}`);
    await Promise.all(
      users.flatMap((user) =>
        Array.from({ length: 20 }, () => kit.timers.start(user, { durationSeconds: 30 })),
      ),
    );
    kit.clock.advance(30_000);
    expect(await kit.scheduler.runDue()).toBe(2_000);
    const states = await Promise.all(
      users.map(async (user) => (await kit.timers.list(user)).map((t) => t.state)),
    );
    expect(states.flat().filter((state) => state === 'FINISHED')).toHaveLength(2_000);
    expect(await kit.redis.zcard(kit.keys.scheduleClaimed())).toBe(0);
  });
});
