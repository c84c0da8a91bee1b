// kill -9 of a router while it creates and fires timers under load, with a second router running:
// no timer is lost and none fires twice, including the ones the dead router had claimed but not
// yet fired (the survivor takes them over once their lease runs out).
import { keySpace } from '@hark/core';
import { schedulingKeys } from '@hark/scheduling';
import { connectTestRedis, type TestRedis } from '@hark/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { countByItem, firingLateness, notExactlyOnce, storedEvents } from './support/device-events.js';
import { ADMIN_TOKEN, post, runLoad, sleep, timed, userWithKey, waitUntil } from './support/hark-http.js';
import { chaosRuns, LEASE_MS } from './support/leases.js';
import { killAll, type ServiceProcess, startService } from './support/service-process.js';

const USERS = 8;

let testRedis: TestRedis | undefined;
let services: ServiceProcess[] = [];
afterEach(async () => {
  for (const service of services) if (service.alive()) service.child.kill('SIGCONT');
  await killAll(services);
  services = [];
  await testRedis?.cleanup();
});

/**
 * Kills `victim` at a moment it holds claimed due work: both routers are frozen (SIGSTOP), so the
 * claimed set holds only the victim's claims; if it has some, kill -9, else let it run a moment.
 * Returns the members it died holding (none if it never held any within `timeoutMs`).
 */
async function killWhileHoldingClaims(
  victim: ServiceProcess,
  survivor: ServiceProcess,
  claimedMembers: () => Promise<string[]>,
  timeoutMs: number,
): Promise<string[]> {
  survivor.child.kill('SIGSTOP');
  const deadline = Date.now() + timeoutMs;
  let held: string[] = [];
  while (Date.now() < deadline) {
    victim.child.kill('SIGSTOP');
    held = await claimedMembers();
    if (held.length > 0) break;
    victim.child.kill('SIGCONT');
    await sleep(5);
  }
  victim.child.kill('SIGKILL');
  await victim.exited;
  survivor.child.kill('SIGCONT');
  return held;
}

describe.skipIf(!chaosRuns)('kill -9 of a router mid-load', () => {
  it(
    'loses no timer and fires none twice, the dead router’s claims included',
    async () => {
      testRedis = await connectTestRedis('chaos-router-kill');
      const space = keySpace(testRedis.prefix);
      const keys = schedulingKeys(space);
      const env = {
        REDIS_PREFIX: testRedis.prefix,
        ADMIN_TOKEN,
        SEED_DEMO: 'false',
        RATE_LIMIT_MAX: '100000',
        TIMERS_MAX_ACTIVE: '1000',
        SCHEDULER_LEASE_MS: String(LEASE_MS),
        // Every event is the evidence: none may be trimmed, however many timers the lanes create.
        EVENTS_KEPT_PER_USER: '1000000',
      };
      const routers = await Promise.all([startService('router', env), startService('router', env)]);
      services.push(...routers);
      const [victim, survivor] = routers as [ServiceProcess, ServiceProcess];
      const userIds = Array.from({ length: USERS }, (_, n) => `cook-${n}`);
      const apiKeys = await Promise.all(userIds.map((id) => userWithKey(survivor.url, id)));

      const started = performance.now();
      const load = runLoad(8, (n) => {
        const router = routers[n % 2]!;
        const body = { durationSeconds: 1 + (n % 3) };
        const request = timed(started, `${router.url}/v1/timers`, post(apiKeys[n % USERS]!, body));
        return request.then((outcome) => ({ ...outcome, tag: router === victim ? 'victim' : 'survivor' }));
      });
      await sleep(2_000); // timers of 1-3 s: creating and firing overlap from here on
      const killedAt = performance.now() - started;
      const claimed = () => testRedis!.redis.zrange(keys.scheduleClaimed(), 0, -1);
      const heldClaims = await killWhileHoldingClaims(victim, survivor, claimed, 3_000);
      await sleep(1_000);
      const outcomes = await load.stop();

      // The survivor answered everything; the victim everything until it died, then refused connections.
      const toSurvivor = outcomes.filter((o) => o.tag === 'survivor');
      expect(toSurvivor.length).toBeGreaterThan(50);
      expect(toSurvivor.filter((o) => o.status !== 201)).toEqual([]);
      const toVictim = outcomes.filter((o) => o.tag === 'victim');
      expect(toVictim.filter((o) => o.status !== 201 && o.status !== 0)).toEqual([]);
      expect(toVictim.filter((o) => o.status === 0 && o.at + o.ms < killedAt)).toEqual([]);
      const created = outcomes
        .filter((o) => o.status === 201)
        .map((o) => (o.body as { timer: { id: string } }).timer.id);

      const everyone = async () =>
        (await Promise.all(userIds.map((id) => storedEvents(testRedis!.redis, space, id)))).flat();
      const allFired = async () => {
        const events = await everyone();
        return countByItem(events, 'timer.finished').size >= countByItem(events, 'timer.started').size;
      };
      await waitUntil(allFired, LEASE_MS + 8_000, 'every timer to finish');
      await sleep(500); // a second firing, were there one, would land now
      const events = await everyone();
      const startedIds = [...countByItem(events, 'timer.started').keys()];
      expect(startedIds).toEqual(expect.arrayContaining(created));
      expect(notExactlyOnce(startedIds, countByItem(events, 'timer.finished'))).toEqual({});
      expect(await claimed()).toEqual([]);
      expect(survivor.alive()).toBe(true);

      // What the victim died holding was fired once: by the victim before it died (it had not
      // acknowledged yet), or by the survivor after the lease.
      const heldTimers = new Set(heldClaims.map((member) => member.split('|')[2]!));
      const finished = events.filter((event) => event.type === 'timer.finished');
      const heldLateness = firingLateness(finished.filter((event) => heldTimers.has(event.data.id!)));
      expect(heldLateness).toHaveLength(heldTimers.size);
      const lateness = firingLateness(events);
      console.info(
        `router kill -9: ${outcomes.length} creates (${created.length} acknowledged), ${startedIds.length} timers, ` +
          `each fired once; the victim died holding ${heldClaims.length} claimed firing(s), which fired ` +
          `[${heldLateness.map((ms) => ms.toFixed(0)).join(', ')}] ms after their due time (lease ${LEASE_MS} ms); ` +
          `lateness of all firings: max ${Math.max(...lateness).toFixed(0)} ms`,
      );
    },
    30_000 + 2 * LEASE_MS,
  );
});
