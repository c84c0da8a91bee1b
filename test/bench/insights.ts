/**
 * Operator insights at scale: INSIGHTS_BENCH_EVENTS interaction events (default 1,000,000, the
 * stream's cap) from 50,000 users over 60 days are folded into the rollups (events/s), then
 * GET /admin/insights is computed from the rollups for 30 and 366 days (p50/p99 ms).
 * Targets: fold > 10,000 events/s (a full stream in under 100 s); a 30-day report p50 < 100 ms; a 366-day report p50 < 500 ms.
 *
 * Then the money side (issue 21): two more key spaces hold the same interactions and the same
 * 1,000 Stripe customers, one with INSIGHTS_BENCH_MONEY_FEW Stripe events over 12 months (default
 * 1,000) and one with INSIGHTS_BENCH_MONEY_MANY (default 100,000): paid invoices, refunds, MRR
 * changes and checkout sessions, recorded through billing/money-recorder.ts as the webhook worker
 * records them. The report is timed on both in the same run, interleaved (the machine is noisy),
 * and its Redis commands counted: target many/few p50 < 1.5 and the same number of commands.
 */
import { randomUUID } from 'node:crypto';
import { type Clock, createRedis, fixedClock, type KeySpace, keySpace } from '@hark/core';
import { entitlementKeys } from '@hark/entitlements-client';
import { budgetGuardKeys, interactionKeys, recordInteraction } from '@hark/interactions';
import { StripeStandIn } from '@hark/testing';
import type Stripe from 'stripe';
import { CustomerDirectory } from '../../services/entitlements/src/billing/customer-directory.js';
import { MoneyRecorder } from '../../services/entitlements/src/billing/money-recorder.js';
import { createStripeClient } from '../../services/entitlements/src/billing/stripe-client.js';
import { entitlementsServiceKeys } from '../../services/entitlements/src/entitlements-service-keys.js';
import { CustomerClassifier } from '../../services/entitlements/src/insights/customer-class.js';
import { GrantLedger } from '../../services/entitlements/src/insights/grant-ledger.js';
import { InsightsFolder } from '../../services/entitlements/src/insights/insights-folder.js';
import { InsightsService } from '../../services/entitlements/src/insights/insights-service.js';
import { InternalUserMarks } from '../../services/entitlements/src/insights/internal-user-marks.js';
import { PeopleInsights } from '../../services/entitlements/src/insights/people-insights.js';
import { RevenueLedger } from '../../services/entitlements/src/insights/revenue-ledger.js';
import { defaultPlansSeedFile, readSeedPlans } from '../../services/entitlements/src/plans/plan-seed.js';
import { PlanStore } from '../../services/entitlements/src/plans/plan-store.js';
import { percentiles, round } from './lib/stats.js';

const EVENTS = Number(process.env.INSIGHTS_BENCH_EVENTS ?? 1_000_000);
const MONEY_FEW = Number(process.env.INSIGHTS_BENCH_MONEY_FEW ?? 1_000);
const MONEY_MANY = Number(process.env.INSIGHTS_BENCH_MONEY_MANY ?? 100_000);
/** Stripe customers in both money key spaces: only the number of events differs. */
const MONEY_CUSTOMERS = 1_000;
/** Interaction events in both money key spaces (the same ones), so the rest of the report is alike. */
const MONEY_SPACE_INTERACTIONS = 20_000;
const MONEY_PRICE = 'price_bench_premium';
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

async function writeEvents(redis: Redis, space: KeySpace, events = EVENTS): Promise<number> {
  const keys = interactionKeys(space);
  const started = performance.now();
  for (let start = 0; start < events; start += WRITE_CHUNK) {
    const chunk = Array.from({ length: Math.min(WRITE_CHUNK, events - start) }, (_, i) => eventAt(start + i));
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

const MONEY_FROM_MS = Date.parse('2025-07-01T00:00:00Z');
const MONEY_SPAN_MS = Date.parse('2026-06-30T00:00:00Z') - MONEY_FROM_MS;

/**
 * Stripe event `index` of `total`, spread evenly over the 12 months of the 366-day range, for one
 * of MONEY_CUSTOMERS customers: half paid invoices, one in ten a refund of the invoice before it,
 * three in ten MRR changes (500, 900, trial, cancelled, in turn), one in ten a checkout session.
 */
async function recordMoneyEvent(money: MoneyRecorder, index: number, total: number): Promise<void> {
  const atMs = MONEY_FROM_MS + Math.floor((index * MONEY_SPAN_MS) / total);
  const at = Math.floor(atMs / 1000);
  const userId = `m${index % MONEY_CUSTOMERS}`;
  const kind = index % 10;
  if (kind < 5) {
    // The fields paidInvoiceOf reads, in Stripe's wire shape (invoice.payments expanded).
    const invoice = {
      id: `in_${index}`,
      object: 'invoice',
      status: 'paid',
      currency: 'usd',
      amount_paid: kind === 0 ? 900 : 500,
      customer: `cus_${userId}`,
      status_transitions: { paid_at: at },
      parent: { subscription_details: { metadata: { userId, planId: 'premium' } } },
      lines: { data: [{ pricing: { price_details: { price: MONEY_PRICE } } }] },
      payments: { data: [{ payment: { payment_intent: `pi_${index}` } }] },
    };
    await money.recordInvoice(invoice as unknown as Stripe.Invoice);
  } else if (kind === 5) {
    await money.recordMoneyBack({
      id: `re_${index}`,
      currency: 'usd',
      amountMinor: 500,
      atMs,
      paymentIntent: `pi_${index - 1}`,
      invoiceId: null,
    });
  } else if (kind < 9) {
    const step = Math.floor(index / 10) % 4;
    const mrr = [
      { mrrMinor: 500, currency: 'usd', trialing: false },
      { mrrMinor: 900, currency: 'usd', trialing: false },
      { mrrMinor: 0, currency: '', trialing: true },
      { mrrMinor: 0, currency: '', trialing: false },
    ][(step + kind) % 4]!;
    await money.recordMrr(userId, mrr, atMs);
  } else {
    await money.recordCheckout({
      id: `cs_${index}`,
      created: at,
      status: index % 3 === 0 ? 'expired' : 'complete',
      client_reference_id: userId,
      metadata: { userId },
    });
  }
}

/** Counts the commands a client sends (pipelined ones included): others' traffic on Redis does not count. */
function commandCounter(redis: Redis) {
  let sent = 0;
  const send = redis.sendCommand as (...args: unknown[]) => unknown;
  redis.sendCommand = ((...args: unknown[]) => {
    sent++;
    return send.apply(redis, args);
  }) as Redis['sendCommand'];
  return () => sent;
}

interface MoneySpace {
  label: string;
  moneyEvents: number;
  redis: Redis;
  space: KeySpace;
  service: InsightsService;
  recordSeconds: number;
}

/** A key space with the shared interactions and `moneyEvents` Stripe events, and its report service. */
async function moneySpace(
  url: string,
  label: string,
  moneyEvents: number,
  stripe: Stripe,
  clock: Clock,
): Promise<MoneySpace> {
  const redis = createRedis(url);
  await redis.connect();
  const space = keySpace(`bench:${randomUUID().slice(0, 8)}:`);
  const keys = { ...entitlementsServiceKeys(space), ...interactionKeys(space), ...budgetGuardKeys(space) };
  const plans = new PlanStore(redis, entitlementKeys(space), () => undefined);
  await plans.seedIfEmpty(await readSeedPlans(defaultPlansSeedFile, { premium: MONEY_PRICE }));
  await writeEvents(redis, space, MONEY_SPACE_INTERACTIONS);
  const classifier = new CustomerClassifier({
    redis,
    keys: { ...keys, ...entitlementKeys(space) },
    plans,
    clock,
  });
  const folder = new InsightsFolder({ redis, keys, clock, classifier, lockTtlMs: 3_600_000 });
  await folder.fold({ maxMs: 1_800_000 });
  const customers = new CustomerDirectory(redis, keys);
  const log = { warn: () => undefined };
  const money = new MoneyRecorder({ stripe, redis, keys, plans, customers, clock, log });
  const started = performance.now();
  for (let start = 0; start < moneyEvents; start += 1_000) {
    const chunk = Array.from({ length: Math.min(1_000, moneyEvents - start) }, (_, i) => start + i);
    // Invoices first, so each refund finds the payment it refunds (the invoice just before it).
    await Promise.all(chunk.filter((i) => i % 10 < 5).map((i) => recordMoneyEvent(money, i, moneyEvents)));
    await Promise.all(chunk.filter((i) => i % 10 >= 5).map((i) => recordMoneyEvent(money, i, moneyEvents)));
  }
  const recordSeconds = (performance.now() - started) / 1000;
  const people = new PeopleInsights({
    redis,
    keys,
    grants: new GrantLedger({ redis, keys, clock }),
    marks: new InternalUserMarks(redis, keys, clock),
    collectedRevenue: new RevenueLedger(redis, keys).collectedRevenue,
  });
  const service = new InsightsService({ redis, keys, clock, plans, folder, people });
  return { label, moneyEvents, redis, space, service, recordSeconds };
}

/** Both spaces' reports, interleaved round by round (first one, then the other), p50/p99 each. */
async function timeInterleaved(spaces: readonly MoneySpace[], from: string, to: string) {
  const durations = spaces.map(() => [] as number[]);
  for (let round = 0; round < REPORTS; round++) {
    const order = round % 2 === 0 ? spaces.map((_, i) => i) : spaces.map((_, i) => i).reverse();
    for (const index of order) {
      const started = performance.now();
      await spaces[index]!.service.report({ from, to, top: 10 });
      durations[index]!.push(performance.now() - started);
    }
  }
  return durations.map((sample) => {
    const p = percentiles(sample);
    return { p50Ms: round(p.p50), p99Ms: round(p.p99) };
  });
}

async function commandsPerReport(space: MoneySpace, count: () => number, from: string, to: string) {
  const before = count();
  const report = await space.service.report({ from, to, top: 10 });
  return { commands: count() - before, revenueRows: report.revenue.length, mrrRows: report.mrr.length };
}

/** Report cost against the number of Stripe events: few and many, same customers, same run. */
async function moneyBench(url: string, clock: Clock) {
  const standIn = await StripeStandIn.start();
  // Never called by these recorder paths (they take Stripe's objects as given); there for the type.
  const stripe = createStripeClient({ STRIPE_SECRET_KEY: standIn.secretKey, STRIPE_API_BASE: standIn.url })!;
  const few = await moneySpace(url, 'few', MONEY_FEW, stripe, clock);
  const many = await moneySpace(url, 'many', MONEY_MANY, stripe, clock);
  const counters = [commandCounter(few.redis), commandCounter(many.redis)];
  const year = ['2025-07-01', '2026-06-30'] as const;
  const month = ['2026-06-01', '2026-06-30'] as const;
  const commands = [
    await commandsPerReport(few, counters[0]!, ...year),
    await commandsPerReport(many, counters[1]!, ...year),
  ];
  const [fewYear, manyYear] = await timeInterleaved([few, many], ...year);
  const [fewMonth, manyMonth] = await timeInterleaved([few, many], ...month);
  for (const space of [few, many]) {
    await unlinkSpace(space.redis, space.space);
    space.redis.disconnect();
  }
  await standIn.close();
  const ratio = (a: { p50Ms: number }, b: { p50Ms: number }) => round(b.p50Ms / a.p50Ms);
  return {
    customers: MONEY_CUSTOMERS,
    interactionsPerSpace: MONEY_SPACE_INTERACTIONS,
    few: { events: MONEY_FEW, recordSeconds: round(few.recordSeconds, 1), commands: commands[0]! },
    many: { events: MONEY_MANY, recordSeconds: round(many.recordSeconds, 1), commands: commands[1]! },
    report366Days: { few: fewYear!, many: manyYear!, manyOverFewP50: ratio(fewYear!, manyYear!) },
    report30Days: { few: fewMonth!, many: manyMonth!, manyOverFewP50: ratio(fewMonth!, manyMonth!) },
  };
}

async function unlinkSpace(redis: Redis, space: KeySpace): Promise<void> {
  const stale = await redis.keys(`${space.prefix}*`);
  for (let start = 0; start < stale.length; start += 1_000)
    await redis.unlink(...stale.slice(start, start + 1_000));
}

async function main(): Promise<void> {
  const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  await redis.connect();
  const space = keySpace(`bench:${randomUUID().slice(0, 8)}:`);
  const keys = { ...entitlementsServiceKeys(space), ...interactionKeys(space), ...budgetGuardKeys(space) };
  const clock = fixedClock('2026-06-30T23:30:00Z');
  const plans = new PlanStore(redis, entitlementKeys(space), () => undefined);
  await plans.seedIfEmpty(await readSeedPlans(defaultPlansSeedFile, {}));
  const writeSeconds = await writeEvents(redis, space);

  const classifier = new CustomerClassifier({
    redis,
    keys: { ...keys, ...entitlementKeys(space) },
    plans,
    clock,
  });
  const folder = new InsightsFolder({ redis, keys, clock, classifier, lockTtlMs: 3_600_000 });
  const foldStarted = performance.now();
  const folded = await folder.fold({ maxMs: 1_800_000 });
  const foldSeconds = (performance.now() - foldStarted) / 1000;
  const grants = new GrantLedger({ redis, keys, clock });
  const marks = new InternalUserMarks(redis, keys, clock);
  // No Stripe money in the bench: it measures the rollups, which margin reads beside the revenue.
  const people = new PeopleInsights({ redis, keys, grants, marks, collectedRevenue: async () => [] });
  const service = new InsightsService({ redis, keys, clock, plans, folder, people });
  const month = await timeReports(service, '2026-06-01', '2026-06-30');
  const year = await timeReports(service, '2025-07-01', '2026-06-30');
  const footprint = await rollupFootprint(redis, space);

  await unlinkSpace(redis, space);
  redis.disconnect();
  const money = await moneyBench(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', clock);

  const foldPerSecond = Math.round(folded.folded / foldSeconds);
  const targetsMet = {
    foldOver10kPerSecond: foldPerSecond > 10_000,
    report30DaysP50Under100Ms: month.p50Ms < 100,
    report366DaysP50Under500Ms: year.p50Ms < 500,
    moneyManyOverFewP50Under1_5: money.report366Days.manyOverFewP50 < 1.5,
    moneySameCommands: money.few.commands.commands === money.many.commands.commands,
  };
  const result = {
    name: 'insights',
    events: EVENTS,
    writeSeconds: round(writeSeconds, 1),
    fold: { events: folded.folded, seconds: round(foldSeconds, 1), eventsPerSecond: foldPerSecond },
    report30Days: month,
    report366Days: year,
    rollups: footprint,
    money,
    targetsMet,
  };
  console.log(
    `${EVENTS} events folded in ${result.fold.seconds} s (${foldPerSecond} events/s; target > 10,000); ` +
      `report 30 days p50 ${month.p50Ms} / p99 ${month.p99Ms} ms (target < 100), ` +
      `366 days p50 ${year.p50Ms} / p99 ${year.p99Ms} ms (target < 500); ` +
      `rollups: ${footprint.keys} keys, ${footprint.megabytes} MB`,
  );
  console.log(
    `money: ${MONEY_FEW} vs ${MONEY_MANY} Stripe events (${MONEY_CUSTOMERS} customers each): ` +
      `366-day report p50 ${money.report366Days.few.p50Ms} vs ${money.report366Days.many.p50Ms} ms ` +
      `(many/few ${money.report366Days.manyOverFewP50}; target < 1.5), ` +
      `30 days ${money.report30Days.few.p50Ms} vs ${money.report30Days.many.p50Ms} ms ` +
      `(${money.report30Days.manyOverFewP50}); Redis commands per report ` +
      `${money.few.commands.commands} vs ${money.many.commands.commands}`,
  );
  console.log(JSON.stringify(result));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
