import { groupedBars } from './charts.js';
import { definitionsToggle } from './definitions.js';
import { h, table } from './dom.js';
import { count, microUsd, percent, usd } from './format.js';

/**
 * Gross margin after LLM cost per plan and month (USD collected against the LLM cost of every class
 * of user on the plan), LLM cost per paying, comped and free user against the plan price, and the
 * budget guard's steps of the same plan and month beside it.
 */

const cell = (name, text, className = 'number') => h('span', { 'data-metric': name, class: className }, text);
const signed = (value) => (value < 0 ? 'number loss' : 'number profit');
const perUser = (value) => (value === null ? '—' : usd(value));

function guardOf(insights, row) {
  return (insights.budgetGuard ?? []).find((each) => each.month === row.month && each.planId === row.planId);
}

function marginRow(insights, row) {
  const key = `margin.${row.month}.${row.planId}`;
  const guard = guardOf(insights, row);
  const guardKey = `budgetGuard.${row.month}.${row.planId}`;
  return [
    row.complete ? row.month : `${row.month} (to date)`,
    row.planId,
    row.planPriceUsd === null ? 'free' : usd(row.planPriceUsd),
    [
      cell(`${key}.collected`, usd(row.collectedUsd)),
      row.otherCurrencies.length ? ` (+ ${row.otherCurrencies.join(', ').toUpperCase()} not counted)` : '',
    ],
    cell(`${key}.payingLlmCost`, microUsd(row.payingLlmCostMicroUsd)),
    cell(`${key}.compedLlmCost`, microUsd(row.compedLlmCostMicroUsd)),
    cell(`${key}.trialLlmCost`, microUsd(row.trialLlmCostMicroUsd)),
    cell(`${key}.freeLlmCost`, microUsd(row.freeLlmCostMicroUsd)),
    cell(`${key}.grossMargin`, usd(row.grossMarginUsd), signed(row.grossMarginUsd)),
    cell(`${key}.marginRatio`, percent(row.marginRatio)),
    cell(`${key}.costPerPayingUser`, perUser(row.llmCostPerPayingUserUsd)),
    cell(`${key}.costPerCompedUser`, perUser(row.llmCostPerCompedUserUsd)),
    cell(`${key}.costPerFreeUser`, perUser(row.llmCostPerFreeUserUsd)),
    guard ? cell(`${guardKey}.usersSteppedDown`, count(guard.usersSteppedDown)) : '—',
    guard ? cell(`${guardKey}.usersPaused`, count(guard.usersPaused)) : '—',
  ];
}

export function margin(insights) {
  const rows = insights.margin;
  return h(
    'section',
    { class: 'card wide' },
    h('h4', {}, 'Margin per plan and month, after LLM cost'),
    definitionsToggle('margin', 'customerClasses', 'budgetGuard'),
    groupedBars({
      title: 'Collected USD revenue, LLM cost and gross margin per plan and month',
      names: ['collected', 'LLM cost', 'gross margin'],
      rows: rows.map((row) => ({
        label: `${row.month} ${row.planId}`,
        values: [row.collectedUsd, row.llmCostMicroUsd / 1e6, Math.max(0, row.grossMarginUsd)],
      })),
      format: usd,
    }),
    table(
      [
        'month',
        'plan',
        'price',
        'collected (USD)',
        'LLM cost: paying',
        'comped',
        'trial',
        'free',
        'gross margin',
        'margin',
        'LLM cost per paying user',
        'per comped user',
        'per free user',
        'budget guard: stepped down',
        'paused',
      ],
      rows.map((row) => marginRow(insights, row)),
      {
        class: 'numbers',
        caption:
          'Per plan and month: USD collected, LLM cost by class of user, gross margin, cost per user against the price, and the budget guard',
      },
    ),
    h(
      'p',
      { class: 'hint' },
      'Users per class: ',
      rows
        .map(
          (row) =>
            `${row.month} ${row.planId}: ${row.payingUsers} paying, ${row.compedUsers} comped, ${row.trialUsers} trial, ${row.freeUsers} free`,
        )
        .join('; '),
    ),
  );
}
