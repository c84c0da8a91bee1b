import { insightsResponseSchema } from '@hark/contracts';
import type { z } from 'zod';

/**
 * The money sections of GET /admin/insights for two months of a small deployment: two plans
 * (free, premium at $5.00 a month), USD and one EUR subscriber, a refund, a trial that converted,
 * three comps and an internal tester. Every figure follows from the others as the definitions in
 * docs/INSIGHTS.md say (MRR end = start + movements, rates = their quotients), so what the console
 * and the CLI print from it can be checked by hand. insights-money-sample.test.ts parses it with
 * GET /admin/insights' response schema, so it cannot drift from what the server sends.
 */

export const insightsMoneySectionsSchema = insightsResponseSchema.pick({
  revenue: true,
  mrr: true,
  customers: true,
  margin: true,
  funnel: true,
  people: true,
  budgetGuard: true,
});
export type InsightsMoneySections = z.output<typeof insightsMoneySectionsSchema>;

export const moneySample: InsightsMoneySections = {
  revenue: [
    {
      month: '2026-10',
      planId: 'premium',
      currency: 'usd',
      invoicesPaid: 20,
      paidMinor: 10_000,
      refunds: 0,
      refundedMinor: 0,
      netMinor: 10_000,
    },
    {
      month: '2026-11',
      planId: 'premium',
      currency: 'usd',
      invoicesPaid: 24,
      paidMinor: 12_000,
      refunds: 1,
      refundedMinor: 500,
      netMinor: 11_500,
    },
    {
      month: '2026-11',
      planId: 'premium',
      currency: 'eur',
      invoicesPaid: 1,
      paidMinor: 450,
      refunds: 0,
      refundedMinor: 0,
      netMinor: 450,
    },
  ],
  mrr: [
    {
      month: '2026-10',
      currency: 'usd',
      complete: true,
      startMinor: 8_000,
      newMinor: 2_500,
      expansionMinor: 0,
      contractionMinor: 0,
      churnedMinor: 500,
      reactivationMinor: 0,
      endMinor: 10_000, // 8000 + 2500 - 500
      netMovementMinor: 2_000,
      payingCustomersStart: 16,
      newCustomers: 5,
      reactivatedCustomers: 0,
      churnedCustomers: 1,
      payingCustomersEnd: 20,
      customerChurnRate: 0.0625, // 1 / 16
      grossRevenueChurnRate: 0.0625, // 500 / 8000
      netRevenueChurnRate: 0.0625,
      arppuMinor: 500, // 10000 / 20
      ltvMinor: 8_000, // 500 / 0.0625
    },
    {
      month: '2026-11',
      currency: 'usd',
      complete: false,
      startMinor: 10_000,
      newMinor: 1_500,
      expansionMinor: 500,
      contractionMinor: 300,
      churnedMinor: 1_000,
      reactivationMinor: 500,
      endMinor: 11_200, // 10000 + 1500 + 500 - 300 - 1000 + 500
      netMovementMinor: 1_200,
      payingCustomersStart: 20,
      newCustomers: 3,
      reactivatedCustomers: 1,
      churnedCustomers: 2,
      payingCustomersEnd: 22,
      customerChurnRate: 0.1, // 2 / 20
      grossRevenueChurnRate: 0.13, // (1000 + 300) / 10000
      netRevenueChurnRate: 0.03, // (1000 + 300 - 500 - 500) / 10000
      arppuMinor: 509, // 11200 / 22, rounded
      ltvMinor: 5_090, // 509 / 0.1
    },
    {
      month: '2026-11',
      currency: 'eur',
      complete: false,
      startMinor: 0,
      newMinor: 450,
      expansionMinor: 0,
      contractionMinor: 0,
      churnedMinor: 0,
      reactivationMinor: 0,
      endMinor: 450,
      netMovementMinor: 450,
      payingCustomersStart: 0,
      newCustomers: 1,
      reactivatedCustomers: 0,
      churnedCustomers: 0,
      payingCustomersEnd: 1,
      customerChurnRate: null,
      grossRevenueChurnRate: null,
      netRevenueChurnRate: null,
      arppuMinor: 450,
      ltvMinor: null,
    },
  ],
  customers: [
    {
      month: '2026-10',
      activeByClass: { paying: 18, trial: 1, comped: 3, free: 30, internal: 1 },
      trialsStarted: 2,
      trialsConverted: 0,
      trialsEnded: 0,
      trialingAtEnd: 2,
      compedAtEnd: 3,
      internalUsers: 1,
    },
    {
      month: '2026-11',
      activeByClass: { paying: 21, trial: 0, comped: 3, free: 26, internal: 1 },
      trialsStarted: 0,
      trialsConverted: 1,
      trialsEnded: 1,
      trialingAtEnd: 0,
      compedAtEnd: 3,
      internalUsers: 1,
    },
  ],
  margin: [
    {
      month: '2026-11',
      planId: 'free',
      complete: false,
      planPriceUsd: null,
      collectedUsd: 0,
      otherCurrencies: [],
      payingUsers: 0,
      payingLlmCostMicroUsd: 0,
      compedUsers: 0,
      compedLlmCostMicroUsd: 0,
      trialUsers: 0,
      trialLlmCostMicroUsd: 0,
      freeUsers: 26,
      freeLlmCostMicroUsd: 390_000,
      llmCostMicroUsd: 390_000,
      grossMarginUsd: -0.39,
      marginRatio: null,
      llmCostPerPayingUserUsd: null,
      llmCostPerCompedUserUsd: null,
      llmCostPerFreeUserUsd: 0.02, // 0.39 / 26 = 0.015, rounded to cents
    },
    {
      month: '2026-11',
      planId: 'premium',
      complete: false,
      planPriceUsd: 5,
      collectedUsd: 115, // net of the $5.00 refund
      otherCurrencies: ['eur'],
      payingUsers: 21,
      payingLlmCostMicroUsd: 25_200_000,
      compedUsers: 3,
      compedLlmCostMicroUsd: 4_800_000,
      trialUsers: 0,
      trialLlmCostMicroUsd: 0,
      freeUsers: 0,
      freeLlmCostMicroUsd: 0,
      llmCostMicroUsd: 30_000_000,
      grossMarginUsd: 85, // 115 - 30
      marginRatio: 0.7391, // 85 / 115
      llmCostPerPayingUserUsd: 1.2, // 25.20 / 21
      llmCostPerCompedUserUsd: 1.6, // 4.80 / 3
      llmCostPerFreeUserUsd: null,
    },
  ],
  funnel: {
    gateShown: 12,
    checkoutStarted: 6,
    checkoutCompleted: 4,
    checkoutAbandoned: 2,
    paidWithin7Days: 3,
    paidWithin30Days: 4,
    windowOpen7Days: 1,
    windowOpen30Days: 2,
    conversionRate7Days: 0.25, // 3 / 12
    conversionRate30Days: 0.3333, // 4 / 12
    grantedAfterGate: 2,
    checkouts: { started: 8, completed: 5, expired: 2, open: 1 },
  },
  people: {
    activeUsers: 51,
    timerAlarmOnlyUsers: 17,
    timerAlarmOnlyShare: 0.3333, // 17 / 51
    timerAlarmOnlyPaying: 4,
    llmToolCalls: 40,
    llmToolCallsToFreeSkills: 9,
    llmToolCallsByTool: [
      { tool: 'web_search', calls: 22 },
      { tool: 'calendar.read', calls: 9 },
      { tool: 'timer.start', calls: 6 },
      { tool: 'weather.current', calls: 3 },
    ],
  },
  budgetGuard: [
    { month: '2026-11', planId: 'premium', budgetMicroUsd: 3_000_000, usersSteppedDown: 4, usersPaused: 1 },
  ],
};
