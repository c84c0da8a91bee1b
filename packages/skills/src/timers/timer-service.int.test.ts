import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ScheduledKit, startScheduledKit } from '../scheduled/scheduled-kit.fixture.js';

let kit: ScheduledKit;
beforeEach(async () => {
  kit = await startScheduledKit({ timer: 3, alarm: 1, reminder: 1 });
});
afterEach(() => kit.cleanup());

const minutes = (n: number) => n * 60_000;
const now = () => kit.clock.now().getTime();
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error) => error.code,
  );

describe('TimerService', () => {
  it('starts a timer, schedules its due time and tells the devices', async () => {
    const timer = await kit.timers.start('ada', {
      durationSeconds: 600,
      name: ' pasta ',
      deviceId: 'kitchen',
    });
    expect(timer).toMatchObject({
      version: 1,
      state: 'ON',
      name: 'pasta',
      durationSeconds: 600,
      deviceId: 'kitchen',
    });
    expect(timer.dueAt).toBe(now() + minutes(10));
    expect(await kit.pending()).toEqual([
      { member: `timer|ada|${timer.id}|1|${timer.dueAt}`, dueAt: timer.dueAt },
    ]);
    const [started] = await kit.events('ada');
    expect(started).toMatchObject({
      type: 'timer.started',
      data: { id: timer.id, state: 'ON', remainingMs: 600_000 },
    });
    expect(started?.data.dueAt).toBe(new Date(timer.dueAt!).toISOString());
  });

  it('keeps the remaining time while paused, to the millisecond', async () => {
    const timer = await kit.timers.start('ada', { durationSeconds: 600 });
    kit.clock.advance(200_250);
    const paused = await kit.timers.pause('ada', timer.id);
    expect(paused).toMatchObject({ version: 2, state: 'PAUSED', dueAt: null, remainingMs: 399_750 });
    expect(await kit.pending()).toEqual([]); // nothing fires while paused
    kit.clock.advance(minutes(60));
    const resumed = await kit.timers.resume('ada', timer.id);
    expect(resumed).toMatchObject({ version: 3, state: 'ON', remainingMs: null, dueAt: now() + 399_750 });
    expect((await kit.pending()).map((p) => p.member)).toEqual([`timer|ada|${timer.id}|3|${resumed.dueAt}`]);
    expect((await kit.events('ada')).map((e) => e.type)).toEqual([
      'timer.started',
      'timer.updated',
      'timer.updated',
    ]);
  });

  it('adds and removes time, running or paused, and moves the schedule with it', async () => {
    const timer = await kit.timers.start('ada', { durationSeconds: 600 });
    const longer = await kit.timers.addTime('ada', timer.id, 300);
    expect(longer.dueAt).toBe(now() + minutes(15));
    expect(longer.durationSeconds).toBe(600); // still "the 10 minute timer"
    const shorter = await kit.timers.removeTime('ada', timer.id, 120);
    expect(shorter.dueAt).toBe(now() + minutes(13));
    expect((await kit.pending()).map((p) => p.dueAt)).toEqual([shorter.dueAt]);
    await kit.timers.pause('ada', timer.id);
    expect((await kit.timers.addTime('ada', timer.id, 60)).remainingMs).toBe(minutes(14));
    expect((await kit.timers.removeTime('ada', timer.id, 240)).remainingMs).toBe(minutes(10));
  });

  it('refuses to remove all the time left, or to go over 30 days', async () => {
    const timer = await kit.timers.start('ada', { durationSeconds: 600 });
    expect(await codeOf(kit.timers.removeTime('ada', timer.id, 600))).toBe('HARK_ERR_INVALID_DURATION');
    expect(await codeOf(kit.timers.addTime('ada', timer.id, 30 * 86_400))).toBe('HARK_ERR_INVALID_DURATION');
    expect(await codeOf(kit.timers.start('ada', { durationSeconds: 0 }))).toBe('HARK_ERR_INVALID_DURATION');
    expect(await codeOf(kit.timers.start('ada', { durationSeconds: 1.5 }))).toBe('HARK_ERR_INVALID_DURATION');
    expect((await kit.timers.get('ada', timer.id))?.version).toBe(1);
  });

  it('refuses actions that do not fit the state, with the state in the details', async () => {
    const timer = await kit.timers.start('ada', { durationSeconds: 600 });
    await expect(kit.timers.resume('ada', timer.id)).rejects.toMatchObject({
      code: 'HARK_ERR_INVALID_STATE',
      statusCode: 409,
      details: { state: 'ON' },
    });
    await kit.timers.cancel('ada', timer.id);
    expect(await codeOf(kit.timers.pause('ada', timer.id))).toBe('HARK_ERR_INVALID_STATE');
    expect(await codeOf(kit.timers.cancel('ada', timer.id))).toBe('HARK_ERR_INVALID_STATE');
  });

  it("never touches another user's timer", async () => {
    const timer = await kit.timers.start('ada', { durationSeconds: 600 });
    expect(await kit.timers.get('bob', timer.id)).toBeNull();
    expect(await codeOf(kit.timers.cancel('bob', timer.id))).toBe('HARK_ERR_NOT_FOUND');
    expect((await kit.timers.get('ada', timer.id))?.state).toBe('ON');
  });

  it('cancels: unscheduled, announced, and aged out after an hour', async () => {
    const timer = await kit.timers.start('ada', { durationSeconds: 600 });
    const cancelled = await kit.timers.cancel('ada', timer.id);
    expect(cancelled).toMatchObject({ state: 'CANCELLED', dueAt: null });
    expect(await kit.pending()).toEqual([]);
    expect((await kit.events('ada')).at(-1)?.type).toBe('timer.cancelled');
    const ttl = await kit.redis.ttl(kit.keys.item('ada', 'timer', timer.id));
    expect(ttl).toBeGreaterThan(3_500);
    expect(ttl).toBeLessThanOrEqual(3_600);
  });

  it('limits running timers per user; ended ones do not count', async () => {
    const first = await kit.timers.start('ada', { durationSeconds: 60 });
    await kit.timers.start('ada', { durationSeconds: 60 });
    await kit.timers.start('ada', { durationSeconds: 60 });
    await expect(kit.timers.start('ada', { durationSeconds: 60 })).rejects.toMatchObject({
      code: 'HARK_ERR_LIMIT_REACHED',
      details: { limit: 3, kind: 'timer' },
    });
    expect(await kit.timers.start('bob', { durationSeconds: 60 })).toMatchObject({ state: 'ON' });
    await kit.timers.cancel('ada', first.id);
    expect(await kit.timers.start('ada', { durationSeconds: 60 })).toMatchObject({ state: 'ON' });
  });

  it('leaves nothing behind for a refused timer, not even in the schedule, however often it is refused', async () => {
    for (let n = 0; n < 3; n++) await kit.timers.start('ada', { durationSeconds: 30 });
    const before = (await kit.events('ada')).length;
    for (let n = 0; n < 5; n++) {
      await expect(kit.timers.start('ada', { durationSeconds: 10 + n })).rejects.toMatchObject({
        code: 'HARK_ERR_LIMIT_REACHED',
      });
    }
    // The limit was read while each due time was scheduled; each refusal took its member out again.
    expect((await kit.pending()).map((entry) => entry.dueAt)).toEqual(Array(3).fill(now() + 30_000));
    expect(await kit.timers.list('ada')).toHaveLength(3);
    kit.clock.advance(15_000);
    expect(await kit.scheduler.runDue()).toBe(0);
    expect((await kit.events('ada')).length).toBe(before);
  });

  it('cancels all running and paused timers at once', async () => {
    const a = await kit.timers.start('ada', { durationSeconds: 60 });
    const b = await kit.timers.start('ada', { durationSeconds: 120 });
    await kit.timers.pause('ada', b.id);
    const cancelled = await kit.timers.cancelAll('ada');
    expect(cancelled.map((t) => t.id).sort()).toEqual([a.id, b.id].sort());
    expect(await kit.timers.cancelAll('ada')).toEqual([]);
    expect(await kit.pending()).toEqual([]);
  });

  it('finishes when due, rings until stopped, and "stop" silences it', async () => {
    const timer = await kit.timers.start('ada', { durationSeconds: 60, name: 'eggs' });
    kit.clock.advance(60_000);
    expect(await kit.scheduler.runDue()).toBe(1);
    const finished = await kit.timers.get('ada', timer.id);
    expect(finished).toMatchObject({
      state: 'FINISHED',
      version: 2,
      finishedAt: kit.clock.now().toISOString(),
    });
    expect(finished?.late).toBeUndefined();
    const stopped = await kit.timers.stopRinging('ada');
    expect(stopped).toMatchObject([
      { id: timer.id, state: 'FINISHED', stoppedAt: kit.clock.now().toISOString() },
    ]);
    expect(await kit.timers.stopRinging('ada')).toEqual([]);
    expect((await kit.events('ada')).map((e) => e.type)).toEqual([
      'timer.started',
      'timer.finished',
      'timer.stopped',
    ]);
  });
});
