import { h } from './dom.js';

/**
 * What each figure of the Money area means, one click away from it. The wording is the glossary of
 * docs/INSIGHTS.md ("Definitions and limits"); test/browser/console-definitions.test.ts keeps the two
 * the same. Plain data at the top, so that test can import it without a DOM.
 */
export const definitions = {
  collectedRevenue:
    'Collected revenue: invoices Stripe marked paid with an amount above 0, net of refunds and credit notes, per UTC month the money moved in, plan and currency. Currencies are never converted.',
  listPriceEstimate:
    'List-price estimate: paying users active in the month times the plan price as it is now. It is not money collected: a comp or a price change moves it, a subscriber who never spoke is missing.',
  mrr: 'MRR: the monthly value of the subscriptions that give access, per currency (a yearly price counts / 12; trials count 0; past_due keeps its MRR until the subscription is cancelled; refunds do not change it).',
  mrrMovements:
    'MRR movements: new (customers who never had MRR), expansion (upgrades), reactivation (customers who had MRR, lost it and came back), contraction (downgrades of customers who stay) and churned (MRR of customers who went to 0). End = start + new + expansion + reactivation − contraction − churned.',
  churnRates:
    'Churn rates: customer churn = churned customers / paying customers at the start; gross revenue churn = (churned + contraction) / MRR at the start; net revenue churn also takes expansion and reactivation off (negative is net expansion).',
  arppu:
    'ARPPU: MRR at the end / paying customers at the end. LTV: ARPPU / customer churn rate, as ChartMogul estimates it; none when no customer churned.',
  customerClasses:
    'Customer classes: internal (marked internal or test by an operator), comped (an operator grant of a priced plan in force, whatever else the user has), trial (a Stripe subscription Stripe says is trialing), paying (any other Stripe subscription in force on a priced plan) and free (everyone else). Only paying users are customers; internal users are left out of every other figure.',
  margin:
    'Gross margin: USD revenue collected for the plan in the month − the LLM cost of every class of user on it. Margin ratio = gross margin / collected revenue. A comped user’s LLM cost is a cost, never revenue; free trial turns are an acquisition cost. Revenue in other currencies is not in this margin.',
  budgetGuard:
    'Budget guard: per plan and month, users whose LLM spend neared the plan’s budget and who were stepped down to a cheaper model, and users who reached it and whose conversation is paused until the month ends.',
  funnel:
    'Funnel: users whose first premium-gate upsell ever fell in the range, then of them who started a Stripe Checkout, completed one, and whose first paid invoice came within 7 or 30 days of that first gate hit. An operator grant is not a conversion: it is counted apart.',
  abandonedCheckouts:
    'Abandoned checkouts: checkout sessions started in the range that Stripe expired; open ones are neither completed nor expired yet.',
  smartTimer:
    'Timer and alarm only: active users (internal users left out) whose every turn in the range was a timer or an alarm. LLM tool calls to free skills: tool calls the LLM made to a skill the local recogniser should have answered, each an LLM bill for a free answer.',
};

/** A "Definitions" toggle: a <details> whose summary is the one click, and the definitions inside. */
export function definitionsToggle(...names) {
  return h(
    'details',
    { class: 'definitions' },
    h('summary', {}, 'Definitions'),
    names.map((name) => h('p', { 'data-definition': name }, definitions[name])),
  );
}
