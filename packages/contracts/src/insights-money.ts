import { z } from 'zod';

/**
 * The money sections of GET /admin/insights (issue 21): what Stripe collected, MRR and its
 * movements, who is a customer (not comps, trials or internal users), margin after LLM cost per
 * plan, the funnel from the premium gate to the first paid invoice, and the "smart timer"
 * question per person. Definitions: docs/INSIGHTS.md.
 *
 * Money that Stripe collected is kept per currency in minor units (`…Minor`: cents for USD) and
 * is never converted; LLM cost is metered in micro-USD (`…MicroUsd`). Margin compares the two only
 * for USD revenue.
 */

const count = z.number().int().nonnegative();
const minor = z.number().int().describe('Minor units of `currency` (cents for usd), exact');
const usd = z.number().describe('US dollars, rounded to cents');
const microUsd = z.number().int().describe('Micro-USD (1 USD = 1 000 000), exact');
const ratio = z.number().describe('0..1 (a share), or a ratio');

/** Who a user counts as, for every money figure: only `paying` users are customers. */
export const customerClasses = ['paying', 'trial', 'comped', 'free', 'internal'] as const;
export type CustomerClass = (typeof customerClasses)[number];

/** Collected revenue: paid invoices net of refunds and credit notes, per month, plan and currency. */
export const revenueMonthSchema = z.object({
  month: z.string().describe('UTC month the money moved in (invoice paid, refund or credit note created)'),
  planId: z.string().describe('Hark plan of the invoiced Stripe price, or "unknown"'),
  currency: z.string().describe('ISO currency, lower case, as Stripe reports it'),
  invoicesPaid: count.describe('Paid invoices with an amount above 0'),
  paidMinor: minor.describe('Sum of amount_paid of those invoices'),
  refunds: count.describe('Refunds and credit notes (out of band or against paid invoices)'),
  refundedMinor: minor.describe('Refunded or credited amounts, as a positive number'),
  netMinor: minor.describe('paidMinor - refundedMinor'),
});

/** MRR per month and currency, with its movements, as ChartMogul and Baremetrics define them. */
export const mrrMonthSchema = z.object({
  month: z.string(),
  currency: z.string(),
  complete: z.boolean().describe('The month has ended; otherwise month to date'),
  startMinor: minor.describe('MRR at the start of the month'),
  newMinor: minor.describe('From customers who never had MRR before'),
  expansionMinor: minor.describe('Increases of existing customers (upgrades)'),
  contractionMinor: minor.describe('Decreases of existing customers that stay (downgrades), positive'),
  churnedMinor: minor.describe('MRR of customers who went to 0 (cancelled, or unpaid to the end), positive'),
  reactivationMinor: minor.describe('From customers who had MRR before, lost it, and came back'),
  endMinor: minor.describe('start + new + expansion - contraction - churned + reactivation'),
  netMovementMinor: minor.describe('endMinor - startMinor'),
  payingCustomersStart: count,
  newCustomers: count,
  reactivatedCustomers: count,
  churnedCustomers: count,
  payingCustomersEnd: count,
  customerChurnRate: ratio.nullable().describe('churnedCustomers / payingCustomersStart'),
  grossRevenueChurnRate: ratio.nullable().describe('(churned + contraction) / startMinor'),
  netRevenueChurnRate: ratio
    .nullable()
    .describe('(churned + contraction - expansion - reactivation) / startMinor; negative is net expansion'),
  arppuMinor: minor.nullable().describe('endMinor / payingCustomersEnd'),
  ltvMinor: minor
    .nullable()
    .describe('arppuMinor / customerChurnRate (ChartMogul); null when no customer churned'),
});

/** Who the users active or subscribed in a month are: customers apart from everyone else. */
export const customerMonthSchema = z.object({
  month: z.string(),
  activeByClass: z
    .record(z.enum(customerClasses), count)
    .describe('Distinct users with a turn in the month, by class (internal users only here)'),
  trialsStarted: count.describe('Stripe trials that began in the month'),
  trialsConverted: count.describe('Trials whose first paid invoice came in the month'),
  trialsEnded: count.describe('Trials that ended in the month without a paid invoice'),
  trialingAtEnd: count,
  compedAtEnd: count.describe('Users on an operator grant of a priced plan'),
  internalUsers: count.describe('Users marked internal or test (now)'),
});

/** Gross margin after LLM cost per plan and month, and LLM cost per paying, comped and free user. */
export const marginPlanMonthSchema = z.object({
  month: z.string(),
  planId: z.string(),
  complete: z.boolean(),
  planPriceUsd: usd.nullable().describe('Current list price per month; null when free'),
  collectedUsd: usd.describe('Net USD revenue Stripe collected for the plan in the month'),
  otherCurrencies: z.array(z.string()).describe('Revenue in other currencies: not in this margin'),
  payingUsers: count.describe('Paying users of the plan active in the month'),
  payingLlmCostMicroUsd: microUsd,
  compedUsers: count,
  compedLlmCostMicroUsd: microUsd.describe('A cost, never revenue'),
  trialUsers: count,
  trialLlmCostMicroUsd: microUsd,
  freeUsers: count,
  freeLlmCostMicroUsd: microUsd.describe('Free trial turns: an acquisition cost'),
  llmCostMicroUsd: microUsd.describe('Every class of the plan together'),
  grossMarginUsd: usd.describe('collectedUsd - LLM cost of every class on the plan'),
  marginRatio: ratio.nullable().describe('grossMarginUsd / collectedUsd; null without revenue'),
  llmCostPerPayingUserUsd: usd.nullable(),
  llmCostPerCompedUserUsd: usd.nullable(),
  llmCostPerFreeUserUsd: usd.nullable(),
});

/** The premium gate -> checkout -> first paid invoice, for users whose first gate hit was in range. */
export const funnelSchema = z.object({
  gateShown: count.describe('Users whose first premium-gate upsell ever fell in range'),
  checkoutStarted: count.describe('Of them, started a Stripe Checkout'),
  checkoutCompleted: count.describe('Of them, completed one'),
  checkoutAbandoned: count.describe('Of them, started one and never completed any (expired or still open)'),
  paidWithin7Days: count.describe('First paid invoice within 7 days of the first gate hit'),
  paidWithin30Days: count,
  windowOpen7Days: count.describe('Hit the gate less than 7 days ago and not paid yet: may still convert'),
  windowOpen30Days: count,
  conversionRate7Days: ratio.nullable().describe('paidWithin7Days / gateShown'),
  conversionRate30Days: ratio.nullable(),
  grantedAfterGate: count.describe('Moved onto a priced plan by an operator grant: not a conversion'),
  checkouts: z
    .object({
      started: count.describe('Checkout sessions created in range, by anyone'),
      completed: count,
      expired: count.describe('Abandoned: Stripe expired the session'),
      open: count.describe('Neither yet'),
    })
    .describe('Every checkout started in range, gate or not: where they are abandoned'),
});

/** Is Hark a smart timer? Per person, beside the share of interactions per skill. */
export const peopleSchema = z.object({
  activeUsers: count.describe('Distinct users with a turn in range, internal users left out'),
  timerAlarmOnlyUsers: count.describe('Of them, used nothing but timers and alarms in range'),
  timerAlarmOnlyShare: ratio.nullable(),
  timerAlarmOnlyPaying: count.describe('Of those, paying customers'),
  llmToolCalls: count.describe('Tool calls the LLM made in range'),
  llmToolCallsToFreeSkills: count.describe(
    'Of them, to a free skill the local recogniser should have answered: an LLM bill for a free answer',
  ),
  llmToolCallsByTool: z.array(z.object({ tool: z.string(), calls: count })).describe('Most calls first'),
});

/** The premium margin guard (issue 22): users who reached each step, per plan and month. */
export const budgetGuardMonthSchema = z.object({
  month: z.string(),
  planId: z.string(),
  budgetMicroUsd: microUsd.nullable().describe('The plan limit now; null when the plan has none'),
  usersSteppedDown: count.describe('Moved to a cheaper model near the budget'),
  usersPaused: count.describe('Reached the budget: conversation paused until the month ends'),
});

export const insightsMoneySchema = {
  revenue: z.array(revenueMonthSchema).describe('Every month the range touches; non-zero rows only'),
  mrr: z.array(mrrMonthSchema).describe('Every month the range touches, per currency seen'),
  customers: z.array(customerMonthSchema),
  margin: z.array(marginPlanMonthSchema).describe('Per month and every plan'),
  funnel: funnelSchema,
  people: peopleSchema,
  budgetGuard: z.array(budgetGuardMonthSchema),
};

export type RevenueMonth = z.infer<typeof revenueMonthSchema>;
export type MrrMonth = z.infer<typeof mrrMonthSchema>;
export type CustomerMonth = z.infer<typeof customerMonthSchema>;
/** The trial fields of a `customers` row (filled by the revenue side; the rest by the people side). */
export type TrialMonth = Pick<
  CustomerMonth,
  'month' | 'trialsStarted' | 'trialsConverted' | 'trialsEnded' | 'trialingAtEnd'
>;
export type Funnel = z.infer<typeof funnelSchema>;

/** The sum of revenue Stripe collected, as the insights service reads it (services/entitlements). */
export interface CollectedRevenue {
  month: string;
  planId: string;
  currency: string;
  netMinor: number;
}
