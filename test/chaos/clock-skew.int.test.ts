// Three routers whose clocks disagree by up to 1 s (-500 ms, 0, +500 ms) share one Redis and fire
// timers that users create, extend, pause, resume and cancel through whichever router, right
// around their due time. No timer fires twice and none is dropped: each ends exactly once,
// finished or cancelled. The clocks are injected (core's Clock), the rest is real.
import { type Clock, loadConfig } from '@hark/core';
import { connectTestRedis, createTestRedisClient, type TestRedis, testRedisEnv } from '@hark/testing';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRouter } from '../../services/router/src/app.js';
import { countByItem, firingLateness, storedEvents } from './support/device-events.js';
import { sleep, waitUntil } from './support/hark-http.js';
import { chaosRuns } from './support/leases.js';

const OFFSETS_MS = [-500, 0, 500];
const TIMERS = 120;
const USERS = 4;

let testRedis: TestRedis | undefined;
let routers: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(routers.map((router) => router.close()));
  routers = [];
  await testRedis?.cleanup();
});

const skewedClock = (offsetMs: number): Clock => ({ now: () => new Date(Date.now() + offsetMs) });

async function startSkewedRouter(prefix: string, offsetMs: number): Promise<FastifyInstance> {
  const config = loadConfig({
    ...testRedisEnv(),
    REDIS_PREFIX: prefix,
    NODE_ENV: 'test',
    TIMERS_MAX_ACTIVE: '1000',
  });
  // A connection of its own, as a separate process would have; closed with the router.
  const redis = createTestRedisClient();
  const router = await buildRouter({ config, redis, clock: skewedClock(offsetMs), logger: false });
  router.addHook('onClose', async () => void redis.disconnect());
  await router.ready();
  return router;
}

type Action = 'add_time' | 'pause_resume' | 'cancel' | 'none';
const actionFor = (n: number): Action => (['add_time', 'pause_resume', 'cancel', 'none'] as const)[n % 4]!;

interface Planned {
  id: string;
  user: string;
  action: Action;
  /** The timer's state as the cancel request left it: CANCELLED, or FINISHED when it came too late (it silences the ringing). */
  stateAfterCancel?: string;
}

describe.skipIf(!chaosRuns)('clock skew of up to 1 s between routers', () => {
  it('fires every timer exactly once, or cancels it, whichever router changes or fires it', async () => {
    testRedis = await connectTestRedis('chaos-skew');
    const prefix = testRedis.prefix;
    routers = await Promise.all(OFFSETS_MS.map((offset) => startSkewedRouter(prefix, offset)));
    const keyOf = new Map<string, string>();
    for (let n = 0; n < USERS; n++) {
      await routers[0]!.users.createUser({ id: `skew-${n}`, timezone: 'Europe/Paris' });
      keyOf.set(`skew-${n}`, (await routers[0]!.users.addApiKey(`skew-${n}`)).key);
    }
    const call = (
      n: number,
      user: string,
      method: 'POST' | 'PATCH' | 'DELETE',
      url: string,
      payload?: object,
    ) =>
      routers[n % routers.length]!.inject({
        method,
        url,
        headers: { authorization: `Bearer ${keyOf.get(user)}` },
        ...(payload ? { payload } : {}),
      });

    const planned: Planned[] = [];
    const changes: Promise<void>[] = [];
    for (let n = 0; n < TIMERS; n++) {
      const user = `skew-${n % USERS}`;
      const seconds = 1 + (n % 3);
      const created = await call(n, user, 'POST', '/v1/timers', { durationSeconds: seconds });
      expect(created.statusCode).toBe(201);
      const timer: Planned = { id: created.json().timer.id, user, action: actionFor(n) };
      planned.push(timer);
      // Each change goes through another router than the one that created the timer, within the
      // skew of its due time, so changing and firing race on clocks that disagree.
      const at = seconds * 1_000 - 400 + ((n * 37) % 800);
      const url = `/v1/timers/${timer.id}`;
      changes.push(
        sleep(at).then(async () => {
          if (timer.action === 'add_time')
            await call(n + 1, user, 'PATCH', url, { action: 'add_time', seconds: 1 });
          if (timer.action === 'pause_resume') {
            await call(n + 1, user, 'PATCH', url, { action: 'pause' });
            await sleep(200);
            await call(n + 2, user, 'PATCH', url, { action: 'resume' });
          }
          if (timer.action === 'cancel') {
            const response = await call(n + 2, user, 'DELETE', url);
            timer.stateAfterCancel = response.json().timer?.state;
          }
        }),
      );
    }
    await Promise.all(changes);

    const users = [...keyOf.keys()];
    const everyone = async () =>
      (await Promise.all(users.map((user) => storedEvents(testRedis!.redis, routers[0]!.keys, user)))).flat();
    const ended = async () => {
      const events = await everyone();
      const finished = countByItem(events, 'timer.finished').size;
      return finished + countByItem(events, 'timer.cancelled').size >= TIMERS;
    };
    await waitUntil(ended, 10_000, 'every timer to finish or be cancelled');
    await sleep(1_500); // past the skew: a second firing, were there one, would land now
    const events = await everyone();
    const finished = countByItem(events, 'timer.finished');
    const cancelled = countByItem(events, 'timer.cancelled');

    const endings = planned.map((timer) => ({
      id: timer.id,
      action: timer.action,
      finished: finished.get(timer.id) ?? 0,
      cancelled: cancelled.get(timer.id) ?? 0,
    }));
    expect(endings.filter((ending) => ending.finished + ending.cancelled !== 1)).toEqual([]);
    // A cancel that won its race ends the timer; one that lost it found it finished (and silenced it).
    for (const timer of planned.filter((t) => t.action === 'cancel')) {
      expect(['CANCELLED', 'FINISHED']).toContain(timer.stateAfterCancel);
      expect(cancelled.get(timer.id) ?? 0, timer.id).toBe(timer.stateAfterCancel === 'CANCELLED' ? 1 : 0);
    }
    expect(planned.filter((t) => t.action !== 'cancel').every((t) => finished.get(t.id) === 1)).toBe(true);

    const lateness = firingLateness(events);
    const cancelWon = planned.filter((t) => t.stateAfterCancel === 'CANCELLED').length;
    console.info(
      `clock skew (${OFFSETS_MS.join(', ')} ms): ${TIMERS} timers changed through other routers around their due ` +
        `time; ${[...finished.values()].length} fired once each, ${cancelWon} cancelled in time, none twice, ` +
        `none dropped; firing vs the due time the creating router computed: ` +
        `${Math.min(...lateness).toFixed(0)} to ${Math.max(...lateness).toFixed(0)} ms`,
    );
  }, 30_000);
});
