/**
 * Operator insights at scale: INSIGHTS_BENCH_EVENTS interaction events (default 1,000,000, the
 * stream's cap) from 50,000 users over 60 days are folded into the rollups (events/s), then
 * GET /admin/insights is computed from the rollups for 30 and 366 days (p50/p99 ms).
 * Targets: fold > 10,000 events/s (a full stream in under 100 s); a 30-day report p50 < 100 ms; a 366-day report p50 < 500 ms.
 */
import { randomUUID } from 'node:crypto';
import { createRedis, fixedClock, type KeySpace, keySpace } from '@hark/core';
import { entitlementKeys } from '@hark/entitlements-client';
import { interactionKeys, recordInteraction } from '@hark/interactions';
import { entitlementsServiceKeys } from '../../services/entitlements/src/entitlements-service-keys.js';
import { InsightsFolder } from '../../services/entitlements/src/insights/insights-folder.js';
import { InsightsService } from '../../services/entitlements/src/insights/insights-service.js';
import { defaultPlansSeedFile, readSeedPlans } from '../../services/entitlements/src/plans/plan-seed.js';
import { PlanStore } from '../../services/entitlements/src/plans/plan-store.js';
import { percentiles, round } from './lib/stats.js';

const EVENTS = Number(process.env.INSIGHTS_BENCH_EVENTS ?? 1_000_000);
const USERS = 50_000;
const DAYS = 60;
const REPORTS = 20;
const WRITE_CHUNK = 5_000;
const END = Date.parse('2026-06-30T23:00:00Z');
const intents = [
  'timer.start',
  'timer.cancel',
  'timer.status',
  'alarm.set',
  'alarm.list',
  'reminder.create',
  'weather.get',
  'time.get',
  'date.get',
  'list.add',
  'list.read',
  'units.convert',
  'system.stop',
  'system.help',
];

type Redis = ReturnType<typeof createRedis>;

/** A deterministic mix: 10% of users on premium; 15% LLM turns, 5% fallbacks (a third of them upsold). */
function eventAt(index: number) {
  const user = (index * 7919) % USERS;
  const plan = user % 10 === 0 ? 'premium' : 'free';
  const kind = index % 20;
  const at = new Date(END - (index % DAYS) * 86_400_000 - (index % 3_600) * 1_000);
  const base = { userId: `u${user}`, plan, outcome: 'ok', latencyMs: 40, at };
  if (kind < 3) {
    return {
      ...base,
      handledBy: 'llm' as const,
      promptTokens: 600,
      completionTokens: 120,
      costMicroUsd: 162,
    };
  }
  if (kind === 3) return { ...base, handledBy: 'fallback' as const, upsell: index % 3 === 0 };
  return { ...base, handledBy: 'skill' as const, intent: intents[index % intents.length]! };
}

async function writeEvents(redis: Redis, space: KeySpace): Promise<number> {
  const keys = interactionKeys(space);
  const started = performance.now();
  for (let start = 0; start < EVENTS; start += WRITE_CHUNK) {
    const chunk = Array.from({ length: Math.min(WRITE_CHUNK, EVENTS - start) }, (_, i) => eventAt(start + i));
    await Promise.all(chunk.map((event) => recordInteraction(redis, keys, event)));
  }
  return (performance.now() - started) / 1000;
}

async function timeReports(service: InsightsService, from: string, to: string) {
  const durations: number[] = [];
  for (let round = 0; round < REPORTS; round++) {
    const started = performance.now();
    await service.report({ from, to, top: 10 });
    durations.push(performance.now() - started);
  }
  const p = percentiles(durations);
  return { p50Ms: round(p.p50), p99Ms: round(p.p99) };
}

async function rollupFootprint(redis: Redis, keys: KeySpace) {
  let cursor = '0';
  let count = 0;
  let bytes = 0;
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${keys.prefix}{insights}:*`, 'COUNT', 1_000);
    cursor = next;
    count += found.length;
    for (const key of found) bytes += (await redis.memory('USAGE', key)) ?? 0;
  } while (cursor !== '0');
  return { keys: count, megabytes: round(bytes / 1_048_576) };
}

async function main(): Promise<void> {
  const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  await redis.connect();
  const space = keySpace(`bench:${randomUUID().slice(0, 8)}:`);
  const keys = { ...entitlementsServiceKeys(space), ...interactionKeys(space) };
  const clock = fixedClock('2026-06-30T23:30:00Z');
  const plans = new PlanStore(redis, entitlementKeys(space), () => undefined);
  await plans.seedIfEmpty(await readSeedPlans(defaultPlansSeedFile, {}));
  const writeSeconds = await writeEvents(redis, space);

  const folder = new InsightsFolder({ redis, keys, clock, lockTtlMs: 3_600_000 });
  const foldStarted = performance.now();
  const folded = await folder.fold({ maxMs: 1_800_000 });
  const foldSeconds = (performance.now() - foldStarted) / 1000;
  const service = new InsightsService({ redis, keys, clock, plans, folder });
  const month = await timeReports(service, '2026-06-01', '2026-06-30');
  const year = await timeReports(service, '2025-07-01', '2026-06-30');
  const footprint = await rollupFootprint(redis, space);

  const stale = await redis.keys(`${space.prefix}*`);
  for (let start = 0; start < stale.length; start += 1_000)
    await redis.unlink(...stale.slice(start, start + 1_000));
  redis.disconnect();

  const foldPerSecond = Math.round(folded.folded / foldSeconds);
  const targetsMet = {
    foldOver10kPerSecond: foldPerSecond > 10_000,
    report30DaysP50Under100Ms: month.p50Ms < 100,
    report366DaysP50Under500Ms: year.p50Ms < 500,
  };
  const result = {
    name: 'insights',
    events: EVENTS,
    writeSeconds: round(writeSeconds, 1),
    fold: { events: folded.folded, seconds: round(foldSeconds, 1), eventsPerSecond: foldPerSecond },
    report30Days: month,
    report366Days: year,
    rollups: footprint,
    targetsMet,
  };
  console.log(
    `${EVENTS} events folded in ${result.fold.seconds} s (${foldPerSecond} events/s; target > 10,000); ` +
      `report 30 days p50 ${month.p50Ms} / p99 ${month.p99Ms} ms (target < 100), ` +
      `366 days p50 ${year.p50Ms} / p99 ${year.p99Ms} ms (target < 500); ` +
      `rollups: ${footprint.keys} keys, ${footprint.megabytes} MB`,
  );
  console.log(JSON.stringify(result));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
