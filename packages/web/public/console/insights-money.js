import { groupedBars, stackedBars } from './charts.js';
import { definitionsToggle } from './definitions.js';
import { facts, h, table } from './dom.js';
import { count, microUsd, percent, usd } from './format.js';

/**
 * Does each tier pay for itself: revenue against LLM cost per tier and month, LLM cost per user
 * against the plan price, conversions at the premium gate, and which skills paying users use.
 */

const card = (title, ...children) => h('section', { class: 'card' }, h('h4', {}, title), ...children);
const cell = (name, text, className = 'number') => h('span', { 'data-metric': name, class: className }, text);
/** Chart labels in dollars: cents, or six decimals for the fractions of a cent LLM turns cost. */
const dollars = (value) =>
  value !== 0 && Math.abs(value) < 0.01 ? microUsd(Math.round(value * 1e6)) : usd(value);
const signed = (value) => (value < 0 ? 'number loss' : 'number profit');

/** The old usage-based figure, kept and labelled as what it is: an estimate at list price, not money collected. */
export function grossMargin(insights) {
  const rows = insights.months;
  return card(
    'List-price estimate per tier (not money collected)',
    definitionsToggle('listPriceEstimate'),
    groupedBars({
      title: 'List-price estimate and LLM cost per tier and month',
      names: ['list-price estimate', 'LLM cost'],
      rows: rows.map((row) => ({
        label: `${row.month} ${row.tier}`,
        values: [row.listPriceEstimateUsd, row.llmCostMicroUsd / 1e6],
      })),
      format: dollars,
    }),
    table(
      ['month', 'tier', 'active', 'paying', 'list-price estimate', 'LLM cost', 'estimated margin', 'margin'],
      rows.map((row) => {
        const key = `months.${row.month}.${row.tier}`;
        return [
          row.complete ? row.month : `${row.month} (to date)`,
          row.tier,
          cell(`${key}.activeUsers`, count(row.activeUsers)),
          cell(`${key}.payingUsers`, count(row.payingUsers)),
          cell(`${key}.listPriceEstimate`, usd(row.listPriceEstimateUsd)),
          cell(`${key}.llmCost`, microUsd(row.llmCostMicroUsd)),
          cell(`${key}.listPriceMargin`, usd(row.listPriceMarginUsd), signed(row.listPriceMarginUsd)),
          cell(`${key}.listPriceMarginRatio`, percent(row.listPriceMarginRatio)),
        ];
      }),
      {
        class: 'numbers',
        caption: 'Active users on a priced plan times its price today, against the LLM cost',
      },
    ),
    h(
      'p',
      { class: 'hint' },
      'List-price estimate = paying active users × the current plan price, not Stripe invoices: see Money for what was collected.',
    ),
  );
}

function topUsers(top) {
  if (!top.length) return '—';
  return top.map((user) => `${user.userId} ${microUsd(user.costMicroUsd)}`).join(', ');
}

export function llmCostPerUser(insights) {
  const rows = insights.llmUsers;
  const priced = rows.filter((row) => row.monthlyPriceUsd !== null);
  return card(
    'LLM cost per user per month vs plan price',
    priced.length
      ? groupedBars({
          title: 'Average LLM cost per user against the plan price',
          names: ['average LLM cost per user', 'plan price'],
          rows: priced.map((row) => ({
            label: `${row.month} ${row.tier}`,
            values: [row.avgCostMicroUsd / 1e6, row.monthlyPriceUsd],
          })),
          format: dollars,
        })
      : h('p', { class: 'hint' }, 'No priced plan had LLM turns in range.'),
    table(
      ['month', 'tier', 'users with LLM turns', 'average cost', 'price', 'cost more than price', 'top users'],
      rows.map((row) => {
        const key = `llmUsers.${row.month}.${row.tier}`;
        return [
          row.month,
          row.tier,
          cell(`${key}.usersWithLlm`, count(row.usersWithLlm)),
          cell(`${key}.avgCost`, microUsd(row.avgCostMicroUsd)),
          row.monthlyPriceUsd === null ? 'free' : usd(row.monthlyPriceUsd),
          cell(`${key}.usersCostingMoreThanPrice`, count(row.usersCostingMoreThanPrice)),
          topUsers(row.top),
        ];
      }),
      { class: 'numbers' },
    ),
  );
}

export function gateConversions(insights) {
  const { gate } = insights;
  const metric = (name, text) => h('span', { 'data-metric': `gate.${name}` }, text);
  return card(
    'Premium gate conversions',
    facts([
      ['users who first hit the gate in range', metric('usersHitGate', count(gate.usersHitGate))],
      [
        'upgraded within 7 days',
        [
          metric('upgradedWithin7Days', count(gate.upgradedWithin7Days)),
          ' (',
          metric('conversionRate7Days', percent(gate.conversionRate7Days)),
          ')',
        ],
      ],
      [
        'upgraded within 30 days',
        [
          metric('upgradedWithin30Days', count(gate.upgradedWithin30Days)),
          ' (',
          metric('conversionRate30Days', percent(gate.conversionRate30Days)),
          ')',
        ],
      ],
      [
        'still within the 7 / 30 day window',
        `${count(gate.windowOpen7Days)} / ${count(gate.windowOpen30Days)}`,
      ],
      ['upsell turns', metric('upsellTurns', count(gate.upsellTurns))],
      ['first upgrades to a priced plan (gate or not)', metric('firstUpgrades', count(gate.firstUpgrades))],
    ]),
    stackedBars({
      title: 'Gate hits and upgrades per day',
      categories: gate.daily.map((day) => day.date),
      series: [
        { name: 'first gate hit', values: gate.daily.map((day) => day.usersHitGate) },
        { name: 'first upgrade', values: gate.daily.map((day) => day.firstUpgrades) },
      ],
      format: count,
      height: 160,
    }),
  );
}

export function downstream(insights) {
  const rows = insights.downstream;
  return card(
    'Skill downstream impact: who uses each skill, and what they pay',
    rows.length
      ? groupedBars({
          title: 'Users and paying users per intent',
          names: ['users', 'paying users'],
          rows: rows.slice(0, 12).map((row) => ({ label: row.intent, values: [row.users, row.payingUsers] })),
          format: count,
        })
      : h('p', { class: 'hint' }, 'No skill was used in range.'),
    table(
      ['intent', 'category', 'users', 'paying users', 'their monthly revenue', 'share of paying users'],
      rows.map((row) => {
        const key = `downstream.${row.intent}`;
        return [
          h('code', {}, row.intent),
          row.category,
          cell(`${key}.users`, count(row.users)),
          cell(`${key}.payingUsers`, count(row.payingUsers)),
          cell(`${key}.monthlyRevenue`, usd(row.monthlyRevenueUsd)),
          cell(`${key}.shareOfPayingUsers`, percent(row.shareOfPayingUsers)),
        ];
      }),
      { class: 'numbers' },
    ),
  );
}
