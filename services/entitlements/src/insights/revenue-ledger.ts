import type { CollectedRevenue, RevenueMonth } from '@hark/contracts';
import type { RedisClient } from '@hark/core';
import type { EntitlementsServiceKeys } from '../entitlements-service-keys.js';

type Counter = 'paid' | 'invoices' | 'refunded' | 'refunds';
const counters = new Set<string>(['paid', 'invoices', 'refunded', 'refunds']);

/**
 * Reads what Stripe collected (recorded by billing/money-recorder.ts): one hash per UTC month of
 * "plan|currency|counter" fields, so a month costs one HGETALL however many invoices it holds.
 * Amounts stay in their currency, in minor units: nothing is converted.
 */
export class RevenueLedger {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Pick<EntitlementsServiceKeys, 'insightsRevenue'>,
  ) {}

  /** Non-zero rows of each month, by plan and currency. */
  async rows(months: readonly string[]): Promise<RevenueMonth[]> {
    const hashes = await Promise.all(
      months.map((month) => this.redis.hgetall(this.keys.insightsRevenue(month))),
    );
    return months.flatMap((month, index) => rowsOf(month, hashes[index] ?? {}));
  }

  /** Net revenue per month, plan and currency: the reader the margin section uses. */
  collectedRevenue = async (months: readonly string[]): Promise<CollectedRevenue[]> =>
    (await this.rows(months)).map(({ month, planId, currency, netMinor }) => ({
      month,
      planId,
      currency,
      netMinor,
    }));
}

function rowsOf(month: string, hash: Record<string, string>): RevenueMonth[] {
  const byCell = new Map<string, Record<Counter, number>>();
  for (const [field, value] of Object.entries(hash)) {
    const [planId, currency, counter] = field.split('|');
    if (!planId || !currency || !counter || !counters.has(counter)) continue;
    const cell = `${planId}|${currency}`;
    const totals = byCell.get(cell) ?? { paid: 0, invoices: 0, refunded: 0, refunds: 0 };
    totals[counter as Counter] += Number(value);
    byCell.set(cell, totals);
  }
  return [...byCell.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cell, totals]) => {
      const [planId, currency] = cell.split('|') as [string, string];
      return {
        month,
        planId,
        currency,
        invoicesPaid: totals.invoices,
        paidMinor: totals.paid,
        refunds: totals.refunds,
        refundedMinor: totals.refunded,
        netMinor: totals.paid - totals.refunded,
      };
    })
    .filter((row) => row.paidMinor !== 0 || row.refundedMinor !== 0);
}
