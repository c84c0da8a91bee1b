import { funnelBars, shareBar, stackedBars } from './charts.js';
import { definitionsToggle } from './definitions.js';
import { facts, h, table } from './dom.js';
import { count, percent } from './format.js';

/**
 * Who the customers are (classes, trials, comps, internal users), the funnel from the premium gate
 * to the first paid invoice with abandoned checkouts and grants apart, and the smart-timer card.
 */

const card = (title, ...children) => h('section', { class: 'card' }, h('h4', {}, title), ...children);
const metric = (name, text) => h('span', { 'data-metric': name, class: 'number' }, text);
const CLASSES = ['paying', 'trial', 'comped', 'free', 'internal'];

export function funnel(insights) {
  const { funnel: steps } = insights;
  const m = (name, value) => metric(`funnel.${name}`, count(value));
  return card(
    'From the premium gate to the first paid invoice',
    definitionsToggle('funnel', 'abandonedCheckouts'),
    h(
      'div',
      { 'data-funnel-chart': '' },
      funnelBars({
        title:
          'Funnel: gate shown, checkout started, checkout completed, paid within 7 days, paid within 30 days',
        steps: [
          { name: 'gate shown', value: steps.gateShown },
          { name: 'checkout started', value: steps.checkoutStarted },
          { name: 'checkout completed', value: steps.checkoutCompleted },
          { name: 'paid within 7 days', value: steps.paidWithin7Days },
          { name: 'paid within 30 days', value: steps.paidWithin30Days },
        ],
        format: count,
      }),
    ),
    facts([
      ['gate shown (first hit in range)', m('gateShown', steps.gateShown)],
      ['started a checkout', m('checkoutStarted', steps.checkoutStarted)],
      ['completed one', m('checkoutCompleted', steps.checkoutCompleted)],
      [
        'paid within 7 days',
        [
          m('paidWithin7Days', steps.paidWithin7Days),
          ' (',
          metric('funnel.conversionRate7Days', percent(steps.conversionRate7Days)),
          ')',
        ],
      ],
      [
        'paid within 30 days',
        [
          m('paidWithin30Days', steps.paidWithin30Days),
          ' (',
          metric('funnel.conversionRate30Days', percent(steps.conversionRate30Days)),
          ')',
        ],
      ],
      [
        'may still convert (7 / 30 day window open)',
        `${count(steps.windowOpen7Days)} / ${count(steps.windowOpen30Days)}`,
      ],
    ]),
    h('h5', {}, 'Apart from the funnel'),
    facts([
      ['started a checkout and never completed one', m('checkoutAbandoned', steps.checkoutAbandoned)],
      [
        'moved onto a priced plan by an operator grant (not a conversion)',
        m('grantedAfterGate', steps.grantedAfterGate),
      ],
    ]),
    table(
      ['checkouts started in range', 'completed', 'expired (abandoned)', 'still open'],
      [
        [
          m('checkouts.started', steps.checkouts.started),
          m('checkouts.completed', steps.checkouts.completed),
          m('checkouts.expired', steps.checkouts.expired),
          m('checkouts.open', steps.checkouts.open),
        ],
      ],
      { class: 'numbers', caption: 'Every checkout started in range, gate or not' },
    ),
  );
}

export function customers(insights) {
  const rows = insights.customers;
  return card(
    'Customers, trials, comps and internal users',
    definitionsToggle('customerClasses'),
    stackedBars({
      title: 'Active users per month by class: paying, trial, comped, free, internal',
      categories: rows.map((row) => row.month),
      series: CLASSES.map((name) => ({ name, values: rows.map((row) => row.activeByClass[name] ?? 0) })),
      format: count,
      height: 180,
      labelOf: (month) => month,
    }),
    table(
      [
        'month',
        ...CLASSES,
        'trials started',
        'converted',
        'ended unpaid',
        'trialing at end',
        'comped at end',
        'internal users',
      ],
      rows.map((row) => {
        const key = `customers.${row.month}`;
        return [
          row.month,
          ...CLASSES.map((name) => metric(`${key}.active.${name}`, count(row.activeByClass[name] ?? 0))),
          metric(`${key}.trialsStarted`, count(row.trialsStarted)),
          metric(`${key}.trialsConverted`, count(row.trialsConverted)),
          metric(`${key}.trialsEnded`, count(row.trialsEnded)),
          metric(`${key}.trialingAtEnd`, count(row.trialingAtEnd)),
          metric(`${key}.compedAtEnd`, count(row.compedAtEnd)),
          metric(`${key}.internalUsers`, count(row.internalUsers)),
        ];
      }),
      { class: 'numbers', caption: 'Active users by class, trials, comps and internal users per month' },
    ),
  );
}

export function smartTimer(insights) {
  const { people } = insights;
  const m = (name, text) => metric(`people.${name}`, text);
  return card(
    'Is Hark a smart timer?',
    definitionsToggle('smartTimer'),
    h(
      'p',
      { class: 'headline' },
      m('timerAlarmOnlyShare', percent(people.timerAlarmOnlyShare)),
      ' of active users only used timers and alarms',
    ),
    shareBar({
      title: 'Active users who only used timers and alarms, and everyone else',
      parts: [
        { name: 'timers and alarms only', value: people.timerAlarmOnlyUsers },
        { name: 'used more', value: people.activeUsers - people.timerAlarmOnlyUsers },
      ],
      format: count,
    }),
    facts([
      ['active users (internal left out)', m('activeUsers', count(people.activeUsers))],
      ['only timers and alarms', m('timerAlarmOnlyUsers', count(people.timerAlarmOnlyUsers))],
      ['of them paying', m('timerAlarmOnlyPaying', count(people.timerAlarmOnlyPaying))],
      ['LLM tool calls', m('llmToolCalls', count(people.llmToolCalls))],
      [
        'of them to free skills (an LLM bill for a free answer)',
        m('llmToolCallsToFreeSkills', count(people.llmToolCallsToFreeSkills)),
      ],
    ]),
    people.llmToolCallsByTool.length
      ? table(
          ['tool', 'calls'],
          people.llmToolCallsByTool.map((row) => [
            h('code', {}, row.tool),
            m(`toolCalls.${row.tool}`, count(row.calls)),
          ]),
          { class: 'numbers', caption: 'LLM tool calls per tool, most first' },
        )
      : null,
  );
}
