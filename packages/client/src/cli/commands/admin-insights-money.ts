import type { InsightsMoney } from '../../types.js';
import { formatPercent, formatTable, formatUsd } from '../format.js';

/**
 * The money sections of `hark admin insights` as text: what Stripe collected, MRR and its
 * movements, margin per plan with the budget guard, the funnel, customers, and the smart-timer
 * question. Definitions: docs/INSIGHTS.md.
 */

const minorDigits = new Map<string, number>();
/** Minor units of a currency as "115.00 USD" (never converted; "-" for none). */
export function formatMoney(minor: number | null, currency: string): string {
  if (minor === null) return '-';
  const code = currency.toUpperCase();
  if (!minorDigits.has(code)) {
    const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: code });
    minorDigits.set(code, format.resolvedOptions().maximumFractionDigits ?? 2);
  }
  const digits = minorDigits.get(code)!;
  return `${(minor / 10 ** digits).toFixed(digits)} ${code}`;
}

const microToUsd = (micro: number) => formatUsd(micro / 1e6);
const monthOf = (row: { month: string; complete: boolean }) => `${row.month}${row.complete ? '' : '*'}`;

function revenueTable(money: Pick<InsightsMoney, 'revenue'>): string {
  if (money.revenue.length === 0) return 'collected revenue: Stripe collected nothing in range';
  const rows = money.revenue.map((row) => [
    row.month,
    row.planId,
    row.invoicesPaid,
    formatMoney(row.paidMinor, row.currency),
    row.refunds,
    formatMoney(row.refundedMinor, row.currency),
    formatMoney(row.netMinor, row.currency),
  ]);
  const header = ['MONTH', 'PLAN', 'INVOICES', 'PAID', 'REFUNDS', 'REFUNDED', 'NET COLLECTED'];
  return `collected revenue (Stripe, net of refunds, per currency):\n${formatTable(rows, header)}`;
}

function mrrTable(money: Pick<InsightsMoney, 'mrr'>): string {
  if (money.mrr.length === 0) return 'MRR: no subscription had MRR in range';
  const rows = money.mrr.map((row) => {
    const m = (minor: number | null) => formatMoney(minor, row.currency);
    return [
      monthOf(row),
      m(row.startMinor),
      m(row.newMinor),
      m(row.expansionMinor),
      m(row.reactivationMinor),
      m(row.contractionMinor === 0 ? 0 : -row.contractionMinor),
      m(row.churnedMinor === 0 ? 0 : -row.churnedMinor),
      m(row.endMinor),
      `${row.payingCustomersStart}->${row.payingCustomersEnd}`,
      formatPercent(row.customerChurnRate),
      formatPercent(row.netRevenueChurnRate),
      m(row.arppuMinor),
      m(row.ltvMinor),
    ];
  });
  const header = [
    'MONTH',
    'MRR START',
    'NEW',
    'EXPANSION',
    'REACTIVATION',
    'CONTRACTION',
    'CHURNED',
    'MRR END',
    'CUSTOMERS',
    'CHURN',
    'NET REV CHURN',
    'ARPPU',
    'LTV',
  ];
  return `MRR and its movements:\n${formatTable(rows, header)}`;
}

function marginTable(
  money: Pick<InsightsMoney, 'margin'> & Partial<Pick<InsightsMoney, 'budgetGuard'>>,
): string {
  const rows = money.margin.map((row) => {
    const guard = money.budgetGuard?.find((each) => each.month === row.month && each.planId === row.planId);
    return [
      monthOf(row),
      row.planId,
      row.planPriceUsd === null ? 'free' : formatUsd(row.planPriceUsd),
      `${formatUsd(row.collectedUsd)}${row.otherCurrencies.length ? ` (+${row.otherCurrencies.join(',')})` : ''}`,
      microToUsd(row.llmCostMicroUsd),
      formatUsd(row.grossMarginUsd),
      formatPercent(row.marginRatio),
      formatUsd(row.llmCostPerPayingUserUsd),
      formatUsd(row.llmCostPerCompedUserUsd),
      formatUsd(row.llmCostPerFreeUserUsd),
      guard ? `${guard.usersSteppedDown}/${guard.usersPaused}` : '-',
    ];
  });
  const header = [
    'MONTH',
    'PLAN',
    'PRICE',
    'COLLECTED',
    'LLM COST',
    'MARGIN',
    'MARGIN %',
    'PER PAYING',
    'PER COMPED',
    'PER FREE',
    'STEPPED DOWN/PAUSED',
  ];
  return `margin per plan after LLM cost (USD collected; LLM cost per user against the price):\n${formatTable(rows, header)}`;
}

function funnelLines(funnel: InsightsMoney['funnel']): string {
  return [
    'funnel (first premium-gate hit in range):',
    formatTable([
      ['gate shown', funnel.gateShown],
      ['checkout started', funnel.checkoutStarted],
      ['checkout completed', funnel.checkoutCompleted],
      ['paid within 7 days', `${funnel.paidWithin7Days} (${formatPercent(funnel.conversionRate7Days)})`],
      ['paid within 30 days', `${funnel.paidWithin30Days} (${formatPercent(funnel.conversionRate30Days)})`],
      ['window still open 7/30 days', `${funnel.windowOpen7Days}/${funnel.windowOpen30Days}`],
      ['abandoned (never completed)', funnel.checkoutAbandoned],
      ['granted by an operator (apart)', funnel.grantedAfterGate],
      [
        'checkouts in range',
        `${funnel.checkouts.started} started, ${funnel.checkouts.completed} completed, ${funnel.checkouts.expired} expired, ${funnel.checkouts.open} open`,
      ],
    ]).replace(/^/gm, '  '),
  ].join('\n');
}

function customersTable(customers: InsightsMoney['customers']): string {
  const rows = customers.map((row) => [
    row.month,
    row.activeByClass.paying ?? 0,
    row.activeByClass.trial ?? 0,
    row.activeByClass.comped ?? 0,
    row.activeByClass.free ?? 0,
    row.activeByClass.internal ?? 0,
    `${row.trialsStarted}/${row.trialsConverted}/${row.trialsEnded}/${row.trialingAtEnd}`,
    row.compedAtEnd,
    row.internalUsers,
  ]);
  const header = [
    'MONTH',
    'PAYING',
    'TRIAL',
    'COMPED',
    'FREE',
    'INTERNAL',
    'TRIALS STARTED/CONVERTED/ENDED/OPEN',
    'COMPED AT END',
    'INTERNAL USERS',
  ];
  return `active users by class (only paying users are customers):\n${formatTable(rows, header)}`;
}

function peopleLine(people: InsightsMoney['people']): string {
  const tools = people.llmToolCallsByTool.map((each) => `${each.tool} ${each.calls}`).join(', ');
  return (
    `smart timer? ${people.timerAlarmOnlyUsers} of ${people.activeUsers} active users ` +
    `(${formatPercent(people.timerAlarmOnlyShare)}) only used timers and alarms, ${people.timerAlarmOnlyPaying} of them paying; ` +
    `${people.llmToolCallsToFreeSkills} of ${people.llmToolCalls} LLM tool calls went to free skills` +
    (tools ? `\n  tool calls: ${tools}` : '')
  );
}

/** Each money section the server sent, in reading order; an older server sends none. */
export function describeMoney(money: Partial<InsightsMoney>): string[] {
  const sections: string[] = [];
  if (money.revenue) sections.push(revenueTable({ revenue: money.revenue }));
  if (money.mrr) sections.push(mrrTable({ mrr: money.mrr }));
  if (money.margin) sections.push(marginTable({ margin: money.margin, budgetGuard: money.budgetGuard }));
  if (money.funnel) sections.push(funnelLines(money.funnel));
  if (money.customers) sections.push(customersTable(money.customers));
  if (money.people) sections.push(peopleLine(money.people));
  if (sections.length) sections.push('(* month to date. Definitions: docs/INSIGHTS.md)');
  return sections;
}
