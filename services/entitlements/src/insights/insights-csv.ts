import { type InsightsResponse, insightsCsvColumns, type insightsMoneySchema } from '@hark/contracts';
import type { z } from 'zod';

/** The money sections (issue 21), each written when the report holds it. */
type MoneySections = { [K in keyof typeof insightsMoneySchema]: z.infer<(typeof insightsMoneySchema)[K]> };
type Report = InsightsResponse & Partial<MoneySections>;

/**
 * GET /admin/insights.csv: the JSON report as one long table (section, period, tier, dimension,
 * metric, value), which a spreadsheet filters and pivots without reshaping. Tier "*" is all
 * tiers; period is a day, a month, or "from..to" for figures over the whole range.
 */
type Value = number | string | boolean | null;
type Row = [section: string, period: string, tier: string, dimension: string, metric: string, value: Value];

const ALL = '*';

/** Booleans as 1/0; quotes what needs it; a text cell a spreadsheet would run as a formula is defused with a quote. */
function cell(value: Value): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  const text = String(value);
  if (typeof value === 'number') return text;
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One row per numeric field of `record` (nested objects and arrays are left to their own section). */
function metricRows(section: string, period: string, tier: string, dimension: string, record: object): Row[] {
  return Object.entries(record)
    .filter(([, value]) => typeof value === 'number' || typeof value === 'boolean' || value === null)
    .map(([metric, value]) => [section, period, tier, dimension, metric, value as Value]);
}

function dailyRows(report: InsightsResponse): Row[] {
  return report.daily.flatMap((day) => [
    ...metricRows('daily', day.date, ALL, '', { ...day, ...day.byHandledBy }),
    ...Object.entries(day.byTier).map(([tier, n]): Row => ['daily', day.date, tier, '', 'interactions', n]),
    ...Object.entries(day.activeUsersByTier).map(
      ([tier, n]): Row => ['daily', day.date, tier, '', 'activeUsers', n],
    ),
  ]);
}

function rangeRows(report: InsightsResponse, range: string): Row[] {
  const { totals, mix, gate } = report;
  return [
    ...metricRows('totals', range, ALL, '', { ...totals, ...totals.byHandledBy }),
    ...Object.entries(totals.activeUsersByTier).map(
      ([tier, n]): Row => ['totals', range, tier, '', 'activeUsers', n],
    ),
    ...metricRows('mix', range, ALL, '', mix),
    ...mix.categories.flatMap((category) => [
      ...metricRows('mix', range, ALL, category.category, category),
      ...Object.entries(category.byTier).map(
        ([tier, n]): Row => ['mix', range, tier, category.category, 'interactions', n],
      ),
    ]),
    ...metricRows('gate', range, ALL, '', gate),
    ...gate.daily.flatMap((day) => metricRows('gate_daily', day.date, ALL, '', day)),
    ...report.downstream.flatMap((row) => metricRows('downstream', range, ALL, row.intent, row)),
  ];
}

function monthRows(report: InsightsResponse): Row[] {
  return [
    ...report.months.flatMap((row) => metricRows('month', row.month, row.tier, '', row)),
    ...report.monthTotals.flatMap((row) => metricRows('month', row.month, ALL, '', row)),
    ...report.llmUsers.flatMap((tier) => [
      ...metricRows('llm_tier', tier.month, tier.tier, '', tier),
      ...tier.top.flatMap((user) => metricRows('llm_user', tier.month, tier.tier, user.userId, user)),
    ]),
  ];
}

/**
 * The money sections: `revenue`, `mrr`, `customers`, `margin`, `budgetGuard` per month (tier = plan,
 * dimension = currency, class or empty); `funnel` and `people` over the range (dimension = tool).
 */
function moneyRows(report: Report, range: string): Row[] {
  const { revenue = [], mrr = [], customers = [], margin = [], budgetGuard = [] } = report;
  return [
    ...revenue.flatMap((row) => metricRows('revenue', row.month, row.planId, row.currency, row)),
    ...mrr.flatMap((row) => metricRows('mrr', row.month, ALL, row.currency, row)),
    ...customers.flatMap((row) => [
      ...metricRows('customers', row.month, ALL, '', row),
      ...Object.entries(row.activeByClass).map(
        ([customerClass, n]): Row => ['customers', row.month, ALL, customerClass, 'activeUsers', n],
      ),
    ]),
    ...margin.flatMap((row) => [
      ...metricRows('margin', row.month, row.planId, '', row),
      ...row.otherCurrencies.map(
        (currency): Row => ['margin', row.month, row.planId, currency, 'otherCurrency', 1],
      ),
    ]),
    ...(report.funnel
      ? [
          ...metricRows('funnel', range, ALL, '', report.funnel),
          ...metricRows('funnel', range, ALL, 'checkouts', report.funnel.checkouts),
        ]
      : []),
    ...(report.people
      ? [
          ...metricRows('people', range, ALL, '', report.people),
          ...report.people.llmToolCallsByTool.map(
            (row): Row => ['people', range, ALL, row.tool, 'llmToolCalls', row.calls],
          ),
        ]
      : []),
    ...budgetGuard.flatMap((row) => metricRows('budgetGuard', row.month, row.planId, '', row)),
  ];
}

export function insightsCsv(report: Report): string {
  const range = `${report.range.from}..${report.range.to}`;
  const rows: Row[] = [
    ...metricRows('aggregation', report.generatedAt, ALL, '', report.aggregation),
    ...dailyRows(report),
    ...report.dailyByIntent.map(
      (row): Row => ['daily_intent', row.date, row.tier, row.intent, 'interactions', row.interactions],
    ),
    ...rangeRows(report, range),
    ...monthRows(report),
    ...moneyRows(report, range),
    ...report.warnings.map((warning): Row => ['warning', range, ALL, warning, 'warning', 1]),
  ];
  return [insightsCsvColumns.join(','), ...rows.map((row) => row.map(cell).join(','))]
    .join('\r\n')
    .concat('\r\n');
}
