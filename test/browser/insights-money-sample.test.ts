import { describe, expect, it } from 'vitest';
import { insightsMoneySectionsSchema, moneySample } from './support/insights-money-sample.js';

// The sample the console and CLI tests render: it must be something the server could send.
describe('the money sample of the insights report', () => {
  it('satisfies the contract', () => {
    expect(insightsMoneySectionsSchema.parse(moneySample)).toEqual(moneySample);
  });

  it('adds up as docs/INSIGHTS.md defines it', () => {
    for (const row of moneySample.mrr) {
      const moved =
        row.newMinor + row.expansionMinor - row.contractionMinor - row.churnedMinor + row.reactivationMinor;
      expect(row.endMinor).toBe(row.startMinor + moved);
      expect(row.netMovementMinor).toBe(moved);
      expect(row.payingCustomersEnd).toBe(
        row.payingCustomersStart + row.newCustomers + row.reactivatedCustomers - row.churnedCustomers,
      );
    }
    for (const row of moneySample.revenue) expect(row.netMinor).toBe(row.paidMinor - row.refundedMinor);
    for (const row of moneySample.margin) {
      const classes =
        row.payingLlmCostMicroUsd +
        row.compedLlmCostMicroUsd +
        row.trialLlmCostMicroUsd +
        row.freeLlmCostMicroUsd;
      expect(row.llmCostMicroUsd).toBe(classes);
      expect(row.grossMarginUsd).toBeCloseTo(row.collectedUsd - row.llmCostMicroUsd / 1e6, 2);
    }
    const calls = moneySample.people.llmToolCallsByTool.map((each) => each.calls);
    expect(calls).toEqual([...calls].sort((a, b) => b - a));
    expect(calls.reduce((sum, each) => sum + each, 0)).toBe(moneySample.people.llmToolCalls);
  });
});
