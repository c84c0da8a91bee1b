import { api, query } from './api.js';
import { fill, h } from './dom.js';
import { notify, run } from './feedback.js';
import { utcDay } from './format.js';
import { downstream, gateConversions, grossMargin, llmCostPerUser } from './insights-money.js';
import { activeUsers, interactionsByIntent, interactionsByTier, mix, summary } from './insights-sections.js';
import { customers, funnel, smartTimer } from './money-customers.js';
import { margin } from './money-margin.js';
import { mrr, revenue } from './money-revenue.js';

/**
 * Insights for a range of UTC days. Money: collected revenue, MRR movements, margin after LLM cost
 * with the budget guard, the funnel, customers and the smart-timer question. Usage: by intent and
 * tier, what Hark is used for, active users, the list-price estimate, gate conversions and skill
 * impact. And the same as CSV.
 */

const DEFAULT_RANGE_DAYS = 30;
const DAY_MS = 86_400_000;

let container;
let form;
let output;

function range() {
  return { from: form.elements.from.value, to: form.elements.to.value };
}

async function loadInsights() {
  const insights = await api.get(`/admin/insights${query(range())}`);
  // The API fills in defaults; show the range it actually used.
  form.elements.from.value = insights.range.from;
  form.elements.to.value = insights.range.to;
  fill(
    output,
    summary(insights),
    moneyArea(insights),
    h('h3', { id: 'usage-heading' }, 'Usage'),
    h(
      'div',
      { class: 'insights-grid', role: 'region', 'aria-labelledby': 'usage-heading' },
      interactionsByIntent(insights),
      interactionsByTier(insights),
      mix(insights),
      activeUsers(insights),
      grossMargin(insights),
      llmCostPerUser(insights),
      gateConversions(insights),
      downstream(insights),
    ),
  );
  output.dataset.generatedAt = insights.generatedAt;
}

/**
 * The Money area: what Stripe collected and MRR first, then who pays, the funnel, margin and the
 * smart-timer question. A router whose entitlement service predates these sections sends none.
 */
function moneyArea(insights) {
  const cards = (list) =>
    list.filter(([field]) => insights[field] !== undefined).map(([, card]) => card(insights));
  const wide = cards([
    ['revenue', revenue],
    ['mrr', mrr],
    ['margin', margin],
  ]);
  const grid = cards([
    ['funnel', funnel],
    ['customers', customers],
    ['people', smartTimer],
  ]);
  if (!wide.length && !grid.length) return null;
  return h(
    'section',
    { class: 'money', 'data-money': '', 'aria-labelledby': 'money-heading' },
    h('h3', { id: 'money-heading' }, 'Money'),
    wide,
    h('div', { class: 'insights-grid' }, grid),
  );
}

/** The CSV needs the Authorization header, so it is fetched, then offered as a Blob download. */
async function downloadCsv() {
  const { from, to } = range();
  const { blob, name } = await api.download(
    `/admin/insights.csv${query({ from, to })}`,
    `hark-insights-${from}-${to}.csv`,
  );
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a moment later: the download has to start reading the Blob first.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  notify(`Downloaded ${name}`);
}

export function mount(section) {
  container = section;
  const today = new Date();
  const from = h('input', {
    type: 'date',
    name: 'from',
    required: true,
    value: utcDay(new Date(today.getTime() - (DEFAULT_RANGE_DAYS - 1) * DAY_MS)),
  });
  const to = h('input', { type: 'date', name: 'to', required: true, value: utcDay(today) });
  const csv = h('button', { type: 'button', 'data-download-csv': '' }, 'Download CSV');
  form = h(
    'form',
    { class: 'card range' },
    h('label', {}, 'From ', from),
    h('label', {}, 'to ', to),
    h('span', { class: 'hint' }, '(UTC days, both included) '),
    h('button', { type: 'submit' }, 'Show'),
    ' ',
    csv,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (form.reportValidity()) run(loadInsights);
  });
  csv.addEventListener('click', () => {
    if (form.reportValidity()) run(downloadCsv);
  });
  output = h('div', { class: 'insights' });
  fill(container, h('h2', {}, 'Insights'), form, output);
}

export const load = () => loadInsights();
