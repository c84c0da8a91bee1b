import { divergingBars, groupedBars } from './charts.js';
import { definitionsToggle } from './definitions.js';
import { h, table } from './dom.js';
import { count, money, percent, usd } from './format.js';

/**
 * Money Stripe collected (net of refunds) beside the old list-price estimate, and MRR with its
 * movements per month and currency. Every figure carries `data-metric` with its field's path.
 */

const card = (title, ...children) => h('section', { class: 'card wide' }, h('h4', {}, title), ...children);
const cell = (name, text, className = 'number') => h('span', { 'data-metric': name, class: className }, text);
const monthLabel = (row) => (row.complete === false ? `${row.month} (to date)` : row.month);

/** USD collected per month and plan, with the list-price estimate of the same month and plan. */
function collectedVsEstimate(insights) {
  const collected = new Map();
  for (const row of insights.revenue.filter((each) => each.currency === 'usd'))
    collected.set(`${row.month} ${row.planId}`, row.netMinor / 100);
  const rows = insights.months
    .filter((row) => row.priced || collected.has(`${row.month} ${row.tier}`))
    .map((row) => ({
      label: `${row.month} ${row.tier}`,
      values: [collected.get(`${row.month} ${row.tier}`) ?? 0, row.listPriceEstimateUsd],
    }));
  return groupedBars({
    title: 'Collected USD revenue (net of refunds) and the list-price estimate per plan and month',
    names: ['collected (net of refunds)', 'list-price estimate (not collected)'],
    rows,
    format: usd,
  });
}

export function revenue(insights) {
  const rows = insights.revenue;
  return card(
    'Collected revenue per month and plan',
    definitionsToggle('collectedRevenue', 'listPriceEstimate'),
    collectedVsEstimate(insights),
    rows.length
      ? table(
          ['month', 'plan', 'currency', 'paid invoices', 'paid', 'refunds', 'refunded', 'net collected'],
          rows.map((row) => {
            const key = `revenue.${row.month}.${row.planId}.${row.currency}`;
            return [
              row.month,
              row.planId,
              row.currency.toUpperCase(),
              cell(`${key}.invoicesPaid`, count(row.invoicesPaid)),
              cell(`${key}.paid`, money(row.paidMinor, row.currency)),
              cell(`${key}.refunds`, count(row.refunds)),
              cell(`${key}.refunded`, money(row.refundedMinor, row.currency)),
              cell(`${key}.net`, money(row.netMinor, row.currency)),
            ];
          }),
          { class: 'numbers', caption: 'Money Stripe collected, per currency, never converted' },
        )
      : h('p', { class: 'hint' }, 'Stripe collected nothing in range.'),
  );
}

const movements = {
  up: [
    { name: 'new', field: 'newMinor', class: 'movement-new' },
    { name: 'expansion', field: 'expansionMinor', class: 'movement-expansion' },
    { name: 'reactivation', field: 'reactivationMinor', class: 'movement-reactivation' },
  ],
  down: [
    { name: 'contraction', field: 'contractionMinor', class: 'movement-contraction' },
    { name: 'churned', field: 'churnedMinor', class: 'movement-churned' },
  ],
};

function movementChart(currency, rows) {
  const series = (list) =>
    list.map((each) => ({ name: each.name, class: each.class, values: rows.map((row) => row[each.field]) }));
  return h(
    'div',
    { 'data-mrr-chart': currency },
    divergingBars({
      title: `MRR movements per month in ${currency.toUpperCase()}: new, expansion and reactivation above the axis, contraction and churned below`,
      categories: rows.map((row) => row.month),
      up: series(movements.up),
      down: series(movements.down),
      format: (minor) => money(minor, currency),
    }),
  );
}

function mrrTable(rows) {
  const columns = [
    ['MRR at start', (row) => money(row.startMinor, row.currency), 'start'],
    ['new', (row) => money(row.newMinor, row.currency), 'new'],
    ['expansion', (row) => money(row.expansionMinor, row.currency), 'expansion'],
    ['reactivation', (row) => money(row.reactivationMinor, row.currency), 'reactivation'],
    [
      'contraction',
      (row) => money(row.contractionMinor ? -row.contractionMinor : 0, row.currency),
      'contraction',
    ],
    ['churned', (row) => money(row.churnedMinor ? -row.churnedMinor : 0, row.currency), 'churned'],
    ['MRR at end', (row) => money(row.endMinor, row.currency), 'end'],
    [
      'paying customers (start → end)',
      (row) => `${row.payingCustomersStart} → ${row.payingCustomersEnd}`,
      'customers',
    ],
    [
      'new / reactivated / churned customers',
      (row) => `${row.newCustomers} / ${row.reactivatedCustomers} / ${row.churnedCustomers}`,
      'customerMoves',
    ],
    ['customer churn', (row) => percent(row.customerChurnRate), 'customerChurnRate'],
    ['gross revenue churn', (row) => percent(row.grossRevenueChurnRate), 'grossRevenueChurnRate'],
    ['net revenue churn', (row) => percent(row.netRevenueChurnRate), 'netRevenueChurnRate'],
    ['ARPPU', (row) => money(row.arppuMinor, row.currency), 'arppu'],
    ['LTV', (row) => money(row.ltvMinor, row.currency), 'ltv'],
  ];
  return table(
    ['month', 'currency', ...columns.map(([header]) => header)],
    rows.map((row) => {
      const key = `mrr.${row.month}.${row.currency}`;
      return [
        monthLabel(row),
        row.currency.toUpperCase(),
        ...columns.map(([, text, name]) => cell(`${key}.${name}`, text(row))),
      ];
    }),
    {
      class: 'numbers',
      caption: 'MRR, its movements, customers, churn, ARPPU and LTV per month and currency',
    },
  );
}

export function mrr(insights) {
  const currencies = [...new Set(insights.mrr.map((row) => row.currency))];
  return card(
    'MRR and its movements',
    definitionsToggle('mrr', 'mrrMovements', 'churnRates', 'arppu'),
    currencies.length
      ? currencies.map((currency) =>
          movementChart(
            currency,
            insights.mrr.filter((row) => row.currency === currency),
          ),
        )
      : h('p', { class: 'hint' }, 'No subscription had MRR in range.'),
    insights.mrr.length ? mrrTable(insights.mrr) : null,
  );
}
