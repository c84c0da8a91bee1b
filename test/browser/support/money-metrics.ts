import type { InsightsMoney } from '../../../packages/client/src/types.js';

/**
 * What the console's Money area must show for an insights answer: every `data-metric` name and its
 * text, in the console's formats (en-US, fixed; packages/web/public/console/format.js), computed
 * here from the API's numbers, not by the console's code.
 */

const count = (value: number) => new Intl.NumberFormat('en-US').format(value);
const usd = (value: number) => `${value < 0 ? '-' : ''}$${Math.abs(value).toFixed(2)}`;
const microUsd = (value: number) => `${value < 0 ? '-' : ''}$${(Math.abs(value) / 1e6).toFixed(6)}`;
const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
function money(minor: number | null, currency: string) {
  if (minor === null) return '—';
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() });
  return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}
const perUser = (value: number | null) => (value === null ? '—' : usd(value));

export function moneyMetrics(insights: InsightsMoney): Record<string, string> {
  const shown: Record<string, string> = {};
  const put = (prefix: string, values: Record<string, string>) => {
    for (const [name, text] of Object.entries(values)) shown[`${prefix}.${name}`] = text;
  };
  for (const row of insights.revenue) {
    const m = (minor: number) => money(minor, row.currency);
    put(`revenue.${row.month}.${row.planId}.${row.currency}`, {
      invoicesPaid: count(row.invoicesPaid),
      paid: m(row.paidMinor),
      refunds: count(row.refunds),
      refunded: m(row.refundedMinor),
      net: m(row.netMinor),
    });
  }
  for (const row of insights.mrr) {
    const m = (minor: number | null) => money(minor, row.currency);
    put(`mrr.${row.month}.${row.currency}`, {
      start: m(row.startMinor),
      new: m(row.newMinor),
      expansion: m(row.expansionMinor),
      reactivation: m(row.reactivationMinor),
      contraction: m(row.contractionMinor ? -row.contractionMinor : 0),
      churned: m(row.churnedMinor ? -row.churnedMinor : 0),
      end: m(row.endMinor),
      customers: `${row.payingCustomersStart} → ${row.payingCustomersEnd}`,
      customerMoves: `${row.newCustomers} / ${row.reactivatedCustomers} / ${row.churnedCustomers}`,
      customerChurnRate: percent(row.customerChurnRate),
      grossRevenueChurnRate: percent(row.grossRevenueChurnRate),
      netRevenueChurnRate: percent(row.netRevenueChurnRate),
      arppu: m(row.arppuMinor),
      ltv: m(row.ltvMinor),
    });
  }
  for (const row of insights.margin) {
    put(`margin.${row.month}.${row.planId}`, {
      collected: usd(row.collectedUsd),
      payingLlmCost: microUsd(row.payingLlmCostMicroUsd),
      compedLlmCost: microUsd(row.compedLlmCostMicroUsd),
      trialLlmCost: microUsd(row.trialLlmCostMicroUsd),
      freeLlmCost: microUsd(row.freeLlmCostMicroUsd),
      grossMargin: usd(row.grossMarginUsd),
      marginRatio: percent(row.marginRatio),
      costPerPayingUser: perUser(row.llmCostPerPayingUserUsd),
      costPerCompedUser: perUser(row.llmCostPerCompedUserUsd),
      costPerFreeUser: perUser(row.llmCostPerFreeUserUsd),
    });
    const guard = insights.budgetGuard.find((each) => each.month === row.month && each.planId === row.planId);
    if (guard)
      put(`budgetGuard.${row.month}.${row.planId}`, {
        usersSteppedDown: count(guard.usersSteppedDown),
        usersPaused: count(guard.usersPaused),
      });
  }
  const { funnel } = insights;
  put('funnel', {
    gateShown: count(funnel.gateShown),
    checkoutStarted: count(funnel.checkoutStarted),
    checkoutCompleted: count(funnel.checkoutCompleted),
    paidWithin7Days: count(funnel.paidWithin7Days),
    conversionRate7Days: percent(funnel.conversionRate7Days),
    paidWithin30Days: count(funnel.paidWithin30Days),
    conversionRate30Days: percent(funnel.conversionRate30Days),
    checkoutAbandoned: count(funnel.checkoutAbandoned),
    grantedAfterGate: count(funnel.grantedAfterGate),
  });
  put('funnel.checkouts', {
    started: count(funnel.checkouts.started),
    completed: count(funnel.checkouts.completed),
    expired: count(funnel.checkouts.expired),
    open: count(funnel.checkouts.open),
  });
  for (const row of insights.customers) {
    for (const name of ['paying', 'trial', 'comped', 'free', 'internal'] as const)
      shown[`customers.${row.month}.active.${name}`] = count(row.activeByClass[name] ?? 0);
    put(`customers.${row.month}`, {
      trialsStarted: count(row.trialsStarted),
      trialsConverted: count(row.trialsConverted),
      trialsEnded: count(row.trialsEnded),
      trialingAtEnd: count(row.trialingAtEnd),
      compedAtEnd: count(row.compedAtEnd),
      internalUsers: count(row.internalUsers),
    });
  }
  const { people } = insights;
  put('people', {
    timerAlarmOnlyShare: percent(people.timerAlarmOnlyShare),
    activeUsers: count(people.activeUsers),
    timerAlarmOnlyUsers: count(people.timerAlarmOnlyUsers),
    timerAlarmOnlyPaying: count(people.timerAlarmOnlyPaying),
    llmToolCalls: count(people.llmToolCalls),
    llmToolCallsToFreeSkills: count(people.llmToolCallsToFreeSkills),
  });
  for (const row of people.llmToolCallsByTool) shown[`people.toolCalls.${row.tool}`] = count(row.calls);
  return shown;
}
