import type { InsightsRange } from '../../api/admin.js';
import type { InsightsMoney, InsightsResponse } from '../../types.js';
import { type Command, type OptionValues, stringOption } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { formatFields, formatPercent, formatTable, formatUsd } from '../format.js';
import { describeMoney } from './admin-insights-money.js';

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

function rangeOf(options: OptionValues): InsightsRange {
  const range: InsightsRange = {};
  for (const name of ['from', 'to'] as const) {
    const value = stringOption(options, name);
    if (value === undefined) continue;
    if (!dayPattern.test(value))
      throw new UsageError(`--${name} takes a UTC day, YYYY-MM-DD, got "${value}"`);
    range[name] = value;
  }
  const top = stringOption(options, 'top');
  if (top !== undefined) {
    if (!/^\d+$/.test(top)) throw new UsageError(`--top takes a number, got "${top}"`);
    range.top = Number(top);
  }
  return range;
}

function aggregationLine(insights: InsightsResponse): string {
  const { aggregation } = insights;
  if (aggregation.caughtUp) return `up to date (${aggregation.eventsFolded} events folded)`;
  const pending = `${aggregation.pendingEvents}${aggregation.pendingEventsCapped ? '+' : ''}`;
  return `${pending} events not folded yet, ${(aggregation.lagMs / 1000).toFixed(1)} s behind`;
}

function summary(insights: InsightsResponse): string {
  const { totals, range } = insights;
  const handled = totals.byHandledBy;
  return formatFields([
    ['range', `${range.from} .. ${range.to} (${range.days} days)`],
    ['figures', aggregationLine(insights)],
    [
      'interactions',
      `${totals.interactions} (skill ${handled.skill}, llm ${handled.llm}, fallback ${handled.fallback})`,
    ],
    ['active users', totals.activeUsers],
    ['upsells shown', totals.upsells],
    ['LLM cost', `${formatUsd(totals.llmCostUsd)} (${totals.llmTokens} tokens)`],
  ]);
}

function mixTable(insights: InsightsResponse): string {
  const rows = insights.mix.categories
    .filter((category) => category.interactions > 0)
    .map((category) => [
      category.category,
      category.kind,
      category.interactions,
      formatPercent(category.share),
    ]);
  if (rows.length === 0) return 'no interactions in range';
  return formatTable(rows, ['CATEGORY', 'KIND', 'INTERACTIONS', 'SHARE']);
}

/** The old usage-based figure, labelled as what it is: paying users x the price today, not money collected. */
function listPriceTable(insights: InsightsResponse): string {
  const rows = insights.months.map((row) => [
    `${row.month}${row.complete ? '' : '*'}`,
    row.tier,
    row.activeUsers,
    row.payingUsers,
    formatUsd(row.listPriceEstimateUsd),
    formatUsd(row.llmCostUsd),
    formatUsd(row.listPriceMarginUsd),
    formatPercent(row.listPriceMarginRatio),
  ]);
  const header = [
    'MONTH',
    'TIER',
    'ACTIVE',
    'PAYING',
    'LIST-PRICE EST.',
    'LLM COST',
    'EST. MARGIN',
    'MARGIN %',
  ];
  return (
    `list-price estimate per tier (not money collected):\n${formatTable(rows, header)}\n` +
    '(* month to date; list-price estimate = paying active users x the current price)'
  );
}

function gateLine(insights: InsightsResponse): string {
  const { gate } = insights;
  return (
    `premium gate: ${gate.usersHitGate} users hit it first in range; ` +
    `${gate.upgradedWithin7Days} upgraded within 7 days (${formatPercent(gate.conversionRate7Days)}), ` +
    `${gate.upgradedWithin30Days} within 30 days (${formatPercent(gate.conversionRate30Days)})`
  );
}

export function describeInsights(insights: InsightsResponse & Partial<InsightsMoney>): string {
  const sections = [
    summary(insights),
    ...describeMoney(insights),
    mixTable(insights),
    listPriceTable(insights),
    gateLine(insights),
  ];
  if (insights.warnings.length > 0)
    sections.push(`warnings:\n${insights.warnings.map((w) => `  ${w}`).join('\n')}`);
  return sections.join('\n\n');
}

export const adminInsightsCommand: Command = {
  name: 'admin insights',
  summary: 'Collected revenue, MRR, margin per plan, funnel, customers; usage mix and LLM cost',
  description: ['Days are UTC; the range defaults to the last 30 days. --csv prints the CSV export as is.'],
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    top: { type: 'string' },
    csv: { type: 'boolean' },
  },
  optionHelp: [
    ['--from <YYYY-MM-DD>', 'First day, inclusive'],
    ['--to <YYYY-MM-DD>', 'Last day, inclusive (default today)'],
    ['--top <n>', 'Users listed per tier and month by LLM cost (--json and --csv)'],
    ['--csv', 'The CSV export (section,period,tier,dimension,metric,value)'],
  ],
  credential: 'admin',
  async run(context) {
    if (context.args.length > 0) throw new UsageError(`unexpected argument "${context.args[0]}"`);
    const range = rangeOf(context.options);
    const { admin } = context.client;
    if (context.options.csv) {
      const csv = await admin.insightsCsv(range, { signal: context.signal });
      context.output.write(csv.endsWith('\n') ? csv : `${csv}\n`);
      return undefined;
    }
    const insights = await admin.insights(range, { signal: context.signal });
    if (context.json) context.output.json(insights);
    else context.output.line(describeInsights(insights));
    return undefined;
  },
};
