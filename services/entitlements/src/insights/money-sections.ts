import { type Funnel, lastDayOfMonth, type MrrMonth, nextMonth, type TrialMonth } from '@hark/contracts';
import type { RedisClient } from '@hark/core';
import type { EntitlementsServiceKeys } from '../entitlements-service-keys.js';
import { ratioOf } from './plan-prices.js';
import { RevenueLedger } from './revenue-ledger.js';

const DAY_MS = 24 * 3600 * 1000;
const movements = ['new', 'expansion', 'contraction', 'churned', 'reactivation'] as const;
const customerMoves = ['newCustomers', 'reactivatedCustomers', 'churnedCustomers'] as const;

type Keys = Pick<
  EntitlementsServiceKeys,
  | 'insightsMrrMonth'
  | 'insightsMrrState'
  | 'insightsGateHits'
  | 'insightsUpgrades'
  | 'insightsCheckouts'
  | 'insightsCheckoutDays'
  | 'insightsRevenue'
>;

interface Running {
  mrr: number;
  customers: number;
}

/** Months from `first` to `last`, both included. */
function monthsFrom(first: string, last: string): string[] {
  const months: string[] = [];
  for (let month = first; month <= last; month = nextMonth(month)) months.push(month);
  return months;
}

const numberOf = (hash: Record<string, string>, field: string) => Number(hash[field] ?? 0);

/**
 * MRR with its movements, trials and the checkout funnel, from the rollups the money recorder
 * writes. A month's MRR at its start is the sum of every earlier month's movements, so the report
 * reads one hash per month since the first movement, whatever the number of events.
 */
export class MoneySections {
  readonly ledger: RevenueLedger;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {
    this.ledger = new RevenueLedger(redis, keys);
  }

  /** The `revenue`, `mrr` and `funnel` sections of GET /admin/insights. */
  async report(range: { days: readonly string[]; months: readonly string[]; today: string; now: Date }) {
    const [revenue, mrr, funnel] = await Promise.all([
      this.ledger.rows(range.months),
      this.mrr(range.months, range.today),
      this.funnel(range.days, range.now),
    ]);
    return { revenue, mrr, funnel };
  }

  /** Every month since the first movement up to the range's last month, with its movement hash. */
  private async history(months: readonly string[]) {
    const first = (await this.redis.hget(this.keys.insightsMrrState(), 'firstMonth')) ?? months[0]!;
    const all = monthsFrom([first, months[0]!].sort()[0]!, months.at(-1)!); // YYYY-MM sorts by time
    const hashes = await Promise.all(
      all.map((month) => this.redis.hgetall(this.keys.insightsMrrMonth(month))),
    );
    return all.map((month, index) => ({ month, hash: hashes[index] ?? {} }));
  }

  async mrr(months: readonly string[], today: string): Promise<MrrMonth[]> {
    const history = await this.history(months);
    const running = new Map<string, Running>();
    const wanted = new Set(months);
    const rows: MrrMonth[] = [];
    for (const { month, hash } of history) {
      const currencies = new Set(
        Object.keys(hash)
          .map((field) => field.split('|')[0]!)
          .filter((currency) => currency !== 'trials'),
      );
      for (const currency of currencies)
        if (!running.has(currency)) running.set(currency, { mrr: 0, customers: 0 });
      for (const [currency, start] of [...running.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        const row = mrrRow(month, currency, start, hash, lastDayOfMonth(month) < today);
        running.set(currency, { mrr: row.endMinor, customers: row.payingCustomersEnd });
        if (wanted.has(month)) rows.push(row);
      }
    }
    return rows;
  }

  /** The trial fields of each month's `customers` row. */
  async trials(months: readonly string[]): Promise<TrialMonth[]> {
    const history = await this.history(months);
    const wanted = new Set(months);
    let trialing = 0;
    const rows: TrialMonth[] = [];
    for (const { month, hash } of history) {
      const trialsStarted = numberOf(hash, 'trials|started');
      const trialsConverted = numberOf(hash, 'trials|converted');
      const trialsEnded = numberOf(hash, 'trials|ended');
      trialing += trialsStarted - trialsConverted - trialsEnded;
      if (wanted.has(month)) {
        rows.push({
          month,
          trialsStarted,
          trialsConverted,
          trialsEnded,
          trialingAtEnd: Math.max(trialing, 0),
        });
      }
    }
    return rows;
  }

  /** Users whose first premium-gate hit was in range, followed to checkout and first paid invoice. */
  async funnel(days: readonly string[], now: Date): Promise<Funnel> {
    const { keys, redis } = this;
    const [hits, dayCounts] = await Promise.all([
      redis.hgetall(keys.insightsGateHits()),
      redis.hmget(
        keys.insightsCheckoutDays(),
        ...days.flatMap((day) => [`${day}|started`, `${day}|complete`, `${day}|expired`]),
      ),
    ]);
    const inRange = new Set(days);
    const cohort = Object.entries(hits)
      .map(([userId, value]) => {
        const [ms, day] = value.split('|');
        return { userId, hitMs: Number(ms), day: day ?? '' };
      })
      .filter((hit) => inRange.has(hit.day));
    const [steps, upgrades] = await Promise.all([
      cohort.length === 0
        ? []
        : redis.hmget(
            keys.insightsCheckouts(),
            ...cohort.flatMap(({ userId }) => [`started:${userId}`, `completed:${userId}`, `paid:${userId}`]),
          ),
      cohort.length === 0 ? [] : redis.hmget(keys.insightsUpgrades(), ...cohort.map(({ userId }) => userId)),
    ]);
    const funnel = {
      gateShown: cohort.length,
      checkoutStarted: 0,
      checkoutCompleted: 0,
      checkoutAbandoned: 0,
      paidWithin7Days: 0,
      paidWithin30Days: 0,
      windowOpen7Days: 0,
      windowOpen30Days: 0,
      grantedAfterGate: 0,
    };
    cohort.forEach(({ hitMs }, index) => {
      const at = (value: string | null | undefined) => (value ? Number(value) : null);
      const started = at(steps[index * 3]);
      const completed = at(steps[index * 3 + 1]);
      const paid = at(steps[index * 3 + 2]);
      if (started !== null && started >= hitMs) {
        funnel.checkoutStarted += 1;
        if (completed !== null) funnel.checkoutCompleted += 1;
        else funnel.checkoutAbandoned += 1;
      }
      const paidAfter = paid !== null && paid >= hitMs ? paid - hitMs : null;
      const within = (windowDays: number) => paidAfter !== null && paidAfter <= windowDays * DAY_MS;
      if (within(7)) funnel.paidWithin7Days += 1;
      else if (now.getTime() - hitMs < 7 * DAY_MS) funnel.windowOpen7Days += 1;
      if (within(30)) funnel.paidWithin30Days += 1;
      else if (now.getTime() - hitMs < 30 * DAY_MS) funnel.windowOpen30Days += 1;
      const [upgradedMs, , source] = (upgrades[index] ?? '').split('|');
      if (source === 'grant' && Number(upgradedMs) >= hitMs) funnel.grantedAfterGate += 1;
    });
    const sum = (offset: number) =>
      days.reduce((total, _day, index) => total + Number(dayCounts[index * 3 + offset] ?? 0), 0);
    const [started, completed, expired] = [sum(0), sum(1), sum(2)];
    return {
      ...funnel,
      conversionRate7Days: ratioOf(funnel.paidWithin7Days, funnel.gateShown),
      conversionRate30Days: ratioOf(funnel.paidWithin30Days, funnel.gateShown),
      checkouts: { started, completed, expired, open: Math.max(started - completed - expired, 0) },
    };
  }
}

/** One month of one currency: its movements from the hash, the start carried from the month before. */
function mrrRow(
  month: string,
  currency: string,
  start: Running,
  hash: Record<string, string>,
  complete: boolean,
): MrrMonth {
  const [newMinor, expansionMinor, contractionMinor, churnedMinor, reactivationMinor] = movements.map(
    (movement) => numberOf(hash, `${currency}|${movement}`),
  ) as [number, number, number, number, number];
  const [newCustomers, reactivatedCustomers, churnedCustomers] = customerMoves.map((move) =>
    numberOf(hash, `${currency}|${move}`),
  ) as [number, number, number];
  const endMinor =
    start.mrr + newMinor + expansionMinor - contractionMinor - churnedMinor + reactivationMinor;
  const payingCustomersEnd = start.customers + newCustomers + reactivatedCustomers - churnedCustomers;
  const customerChurn = start.customers === 0 ? null : churnedCustomers / start.customers;
  const arppu = payingCustomersEnd === 0 ? null : endMinor / payingCustomersEnd;
  return {
    month,
    currency,
    complete,
    startMinor: start.mrr,
    newMinor,
    expansionMinor,
    contractionMinor,
    churnedMinor,
    reactivationMinor,
    endMinor,
    netMovementMinor: endMinor - start.mrr,
    payingCustomersStart: start.customers,
    newCustomers,
    reactivatedCustomers,
    churnedCustomers,
    payingCustomersEnd,
    customerChurnRate: ratioOf(churnedCustomers, start.customers),
    grossRevenueChurnRate: ratioOf(churnedMinor + contractionMinor, start.mrr),
    netRevenueChurnRate: ratioOf(
      churnedMinor + contractionMinor - expansionMinor - reactivationMinor,
      start.mrr,
    ),
    arppuMinor: arppu === null ? null : Math.round(arppu),
    ltvMinor: arppu === null || !customerChurn ? null : Math.round(arppu / customerChurn),
  };
}
