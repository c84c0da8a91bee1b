import { ApiError, api, segment } from './api.js';
import { facts, fill, h, table } from './dom.js';
import { notify, run } from './feedback.js';
import { renderUsage, usagePath } from './usage.js';

/**
 * One user: effective entitlements and why (grant, Stripe subscription, plan, kill switches),
 * LLM usage for a month, and an operator grant given or revoked.
 */

let container;
let result;
let lookupForm;

const currentMonth = () => new Date().toISOString().slice(0, 7);

function onOff(values) {
  return table(
    ['name', 'value'],
    Object.entries(values)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => [h('code', {}, name), String(value)]),
  );
}

function entitlementsPanel(explained) {
  const { effective, grant, subscription, stripeCustomerId } = explained;
  return h(
    'section',
    { class: 'card', 'data-user-entitlements': explained.userId },
    h('h3', {}, 'Entitlements of ', h('code', {}, explained.userId)),
    facts([
      ['plan', h('strong', { 'data-effective-plan': '' }, `${effective.planName} (${effective.planId})`)],
      ['decided by', effective.source],
      ['why', effective.reason],
      ['valid until', effective.validUntil ?? 'no end'],
      ['switched off for everyone', effective.switchedOff.join(', ') || 'nothing'],
      ['Stripe customer', stripeCustomerId ?? 'none'],
    ]),
    h(
      'div',
      { class: 'row' },
      h('div', {}, h('h4', {}, 'Features'), onOff(effective.features)),
      h('div', {}, h('h4', {}, 'Limits'), onOff(effective.limits)),
    ),
    h('h4', {}, 'Operator grant'),
    grant
      ? facts([
          ['plan', grant.planId],
          ['in force', grant.inForce ? 'yes' : 'no (expired)'],
          ['expires', grant.expiresAt ?? 'never'],
          ['reason', grant.reason],
          ['granted by', grant.grantedBy],
        ])
      : h('p', {}, 'none'),
    h('h4', {}, 'Stripe subscription'),
    subscription
      ? facts([
          ['status', subscription.status],
          ['gives access', subscription.givesAccess ? 'yes' : 'no'],
          ['plan', subscription.planId ?? 'unknown price'],
          ['period ends', subscription.currentPeriodEnd],
          ['past due since', subscription.pastDueSince],
        ])
      : h('p', {}, 'none'),
  );
}

function grantForm(userId, plans) {
  const plan = h(
    'select',
    { name: 'plan', required: true },
    plans.map((each) =>
      h('option', { value: each.id, selected: each.id === 'premium' }, `${each.name} (${each.id})`),
    ),
  );
  const expires = h('input', { type: 'datetime-local', name: 'expiresAt' });
  const reason = h('input', {
    name: 'reason',
    required: true,
    maxlength: 500,
    placeholder: 'e.g. support ticket 42',
  });
  const form = h(
    'form',
    { class: 'card grant' },
    h('h3', {}, 'Grant a plan to ', h('code', {}, userId)),
    h('label', {}, 'Plan ', plan),
    h('label', {}, 'Until (your time; empty = until revoked) ', expires),
    h('label', {}, 'Reason ', reason),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit' }, 'Grant'),
      h(
        'button',
        { type: 'button', class: 'danger', 'data-revoke': '', onclick: () => revoke(userId) },
        'Revoke grant',
      ),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    const body = { plan: plan.value, reason: reason.value.trim() };
    // datetime-local is the operator's wall-clock time; the API wants an instant.
    if (expires.value) body.expiresAt = new Date(expires.value).toISOString();
    return run(async () => {
      await api.send('PUT', `/admin/users/${segment(userId)}/grant`, body);
      notify(`Granted ${body.plan} to ${userId}`);
      await lookUp(userId);
    });
  });
  return form;
}

function revoke(userId) {
  return run(async () => {
    await api.send('DELETE', `/admin/users/${segment(userId)}/grant`);
    notify(`Revoked the grant of ${userId}`);
    await lookUp(userId);
  });
}

/** Usage comes from another route: when it fails, the entitlements still show, with its error in place. */
async function usagePanel(userId, month) {
  try {
    return renderUsage(await api.get(usagePath(userId, month)));
  } catch (error) {
    if (error instanceof ApiError && error.needsToken) throw error;
    return h(
      'section',
      { class: 'card usage' },
      h('h3', {}, 'LLM usage in ', month),
      h(
        'p',
        { class: 'error' },
        h('strong', { class: 'error-code' }, error.code ?? 'Error'),
        ` ${error.message}`,
      ),
    );
  }
}

async function lookUp(userId) {
  const month = lookupForm.elements.month.value || currentMonth();
  const [explained, usage, plans] = await Promise.all([
    api.get(`/admin/users/${segment(userId)}/entitlements`),
    usagePanel(userId, month),
    api.get('/admin/plans'),
  ]);
  fill(result, entitlementsPanel(explained), usage, grantForm(userId, plans.plans));
}

export function mount(section) {
  container = section;
  const userId = h('input', {
    name: 'userId',
    required: true,
    // '-' escaped: browsers compile pattern attributes with the v flag, where a bare '-' is refused.
    pattern: '[A-Za-z0-9_\\-]{1,64}',
    placeholder: 'user id, e.g. demo',
  });
  const month = h('input', { type: 'month', name: 'month', value: currentMonth() });
  lookupForm = h(
    'form',
    { class: 'card lookup' },
    h('label', {}, 'User ', userId),
    h('label', {}, 'LLM usage in ', month),
    h('button', { type: 'submit' }, 'Look up'),
  );
  lookupForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!lookupForm.reportValidity()) return;
    return run(() => lookUp(userId.value.trim()));
  });
  result = h('div', { class: 'user-result' });
  fill(container, h('h2', {}, 'Users'), lookupForm, result);
}

/** Nothing to fetch until the operator names a user. */
export async function load() {}
