import { segment } from './api.js';
import { stackedBars } from './charts.js';
import { facts, h, table } from './dom.js';
import { count, microUsd, percent, usd } from './format.js';

/** A user's LLM usage for one month (GET /admin/users/:id/usage): turns, tokens, cost against the plan price. */

export const usagePath = (userId, month) => `/admin/users/${segment(userId)}/usage?month=${month}`;

function dailyCostChart(days) {
  return stackedBars({
    title: 'LLM cost per day',
    categories: days.map((day) => day.date),
    series: [{ name: 'LLM cost', values: days.map((day) => day.costMicroUsd) }],
    format: microUsd,
    height: 160,
  });
}

export function renderUsage(usage) {
  const { plan, total, today } = usage;
  const activeDays = usage.days.filter((day) => day.turns > 0 || day.costMicroUsd > 0);
  return h(
    'section',
    { class: 'card usage', 'data-user-usage': usage.userId },
    h('h3', {}, 'LLM usage in ', usage.month),
    facts([
      ['plan', `${plan.name} (${plan.id}), by ${plan.source}`],
      ['price', plan.priced ? `${usd(plan.monthlyPriceUsd)} a month` : 'free'],
      ['turns', h('span', { 'data-metric': 'usage.turns' }, count(total.turns))],
      [
        'tokens',
        `${count(total.tokens)} (${count(total.promptTokens)} in, ${count(total.completionTokens)} out)`,
      ],
      ['LLM cost', h('span', { 'data-metric': 'usage.cost' }, microUsd(total.costMicroUsd))],
      [
        'margin',
        h(
          'span',
          { class: usage.marginUsd < 0 ? 'loss' : 'profit', 'data-metric': 'usage.margin' },
          usd(usage.marginUsd),
        ),
      ],
      ['cost as a share of the price', percent(usage.costShareOfPrice)],
      ['today', `${count(today.turns)} turns, ${microUsd(today.costMicroUsd)}`],
    ]),
    activeDays.length ? dailyCostChart(usage.days) : h('p', { class: 'hint' }, 'No LLM turns this month.'),
    activeDays.length
      ? table(
          ['day', 'turns', 'tokens', 'cost'],
          activeDays.map((day) => [
            day.date,
            count(day.turns),
            count(day.tokens),
            microUsd(day.costMicroUsd),
          ]),
          { class: 'numbers' },
        )
      : null,
  );
}
