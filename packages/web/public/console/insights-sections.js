import { shareBar, stackedBars } from './charts.js';
import { facts, h, table } from './dom.js';
import { count, microUsd, percent } from './format.js';

/**
 * The sections of the insights view, each a pure function of GET /admin/insights' answer:
 * a chart and a table of the same numbers. `data-metric` marks a figure by its field name.
 */

const MAX_INTENT_SERIES = 7;

const metric = (name, text, attributes = {}) => h('span', { 'data-metric': name, ...attributes }, text);
const card = (title, ...children) => h('section', { class: 'card' }, h('h4', {}, title), ...children);
const numberCell = (name, text, attributes = {}) => metric(name, text, { class: 'number', ...attributes });

export function summary(insights) {
  const { totals, aggregation, range } = insights;
  const lag = aggregation.caughtUp
    ? 'caught up'
    : `${count(aggregation.pendingEvents)}${aggregation.pendingEventsCapped ? '+' : ''} events not folded yet (${Math.round(aggregation.lagMs / 1000)} s behind)`;
  return card(
    `${range.from} to ${range.to} (${range.days} days)`,
    facts([
      ['interactions', metric('totals.interactions', count(totals.interactions))],
      [
        'answered by',
        `skills ${count(totals.byHandledBy.skill)}, LLM ${count(totals.byHandledBy.llm)}, fallback ${count(totals.byHandledBy.fallback)}`,
      ],
      ['active users', metric('totals.activeUsers', count(totals.activeUsers))],
      ['premium gate hits (upsells shown)', metric('totals.upsells', count(totals.upsells))],
      ['LLM tokens', count(totals.llmTokens)],
      ['LLM cost', metric('totals.llmCost', microUsd(totals.llmCostMicroUsd))],
      ['aggregation', metric('aggregation', lag)],
    ]),
    insights.warnings.length
      ? h(
          'ul',
          { class: 'warnings' },
          insights.warnings.map((w) => h('li', {}, w)),
        )
      : null,
  );
}

/** The intents with the most interactions get a series each; the rest are "other". */
function intentSeries(insights, tier) {
  const cells = insights.dailyByIntent.filter((cell) => tier === '*' || cell.tier === tier);
  const totals = new Map();
  for (const cell of cells) totals.set(cell.intent, (totals.get(cell.intent) ?? 0) + cell.interactions);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([intent]) => intent);
  const named = ranked.slice(0, MAX_INTENT_SERIES);
  const dates = insights.daily.map((day) => day.date);
  const seriesOf = (intents) =>
    dates.map((date) =>
      cells
        .filter((c) => c.date === date && intents.includes(c.intent))
        .reduce((sum, c) => sum + c.interactions, 0),
    );
  const series = named.map((intent) => ({ name: intent, values: seriesOf([intent]) }));
  if (ranked.length > named.length)
    series.push({ name: 'other', values: seriesOf(ranked.slice(named.length)) });
  return { dates, series };
}

export function interactionsByIntent(insights) {
  const chart = h('div');
  const tier = h(
    'select',
    { 'aria-label': 'tier', 'data-intent-tier': '' },
    h('option', { value: '*' }, 'all tiers'),
    insights.tiers.map((each) => h('option', { value: each }, each)),
  );
  const draw = () => {
    const { dates, series } = intentSeries(insights, tier.value);
    chart.replaceChildren(
      stackedBars({ title: 'Interactions per day by intent', categories: dates, series, format: count }),
    );
  };
  tier.addEventListener('change', draw);
  draw();
  return h(
    'section',
    { class: 'card', 'data-intent-chart': '' },
    h('h4', {}, 'Interactions per day by intent'),
    h('label', {}, 'Tier ', tier),
    chart,
  );
}

export function interactionsByTier(insights) {
  const dates = insights.daily.map((day) => day.date);
  const series = insights.tiers.map((tier) => ({
    name: tier,
    values: insights.daily.map((day) => day.byTier[tier] ?? 0),
  }));
  return card(
    'Interactions per day by tier',
    stackedBars({ title: 'Interactions per day by tier', categories: dates, series, format: count }),
  );
}

export function mix(insights) {
  const { mix: shares } = insights;
  const used = shares.categories.filter((category) => category.interactions > 0);
  return card(
    'What Hark is used for',
    h(
      'p',
      { class: 'headline' },
      'utility skills ',
      metric('mix.utilityShare', percent(shares.utilityShare)),
      ' · conversation (LLM) ',
      metric('mix.conversationShare', percent(shares.conversationShare)),
      ' · fallback ',
      metric('mix.fallbackShare', percent(shares.fallbackShare)),
    ),
    shareBar({
      title: 'Share of interactions by category',
      parts: used.map((category) => ({ name: category.category, value: category.interactions })),
      format: count,
    }),
    table(
      ['category', 'kind', 'interactions', 'share'],
      used.map((category) => [
        category.category,
        category.kind,
        numberCell(`mix.${category.category}.interactions`, count(category.interactions)),
        numberCell(`mix.${category.category}.share`, percent(category.share)),
      ]),
      { class: 'numbers' },
    ),
  );
}

export function activeUsers(insights) {
  const dates = insights.daily.map((day) => day.date);
  const series = insights.tiers.map((tier) => ({
    name: tier,
    values: insights.daily.map((day) => day.activeUsersByTier[tier] ?? 0),
  }));
  return card(
    'Active users per tier',
    stackedBars({ title: 'Active users per day by tier', categories: dates, series, format: count }),
    table(
      ['tier', 'active users in range'],
      insights.tiers.map((tier) => [
        tier,
        numberCell(`activeUsers.${tier}`, count(insights.totals.activeUsersByTier[tier] ?? 0)),
      ]),
      { class: 'numbers' },
    ),
    h('p', { class: 'hint' }, 'Distinct users are estimates (HyperLogLog, about 1% error).'),
  );
}
