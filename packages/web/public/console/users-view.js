import { ApiError, api, segment } from './api.js';
import { facts, fill, h, table } from './dom.js';
import { notify, run } from './feedback.js';
import { localMinute } from './format.js';
import { internalMarkPanel, internalMarksOrError, internalUsersCard } from './internal-users.js';
import { renderUsage, usagePath } from './usage.js';
import { userList } from './user-list.js';

/**
 * The users: a list to browse or search (user-list.js), and one user opened from it or by id:
 * the account and its API keys, effective entitlements and why (grant, Stripe subscription,
 * plan, kill switches), LLM usage for a month, an operator grant given or revoked, and the internal
 * mark that leaves a user out of insights (internal-users.js, with the list of those users).
 */

let container;
let result;
let lookupForm;
let list;
let internalUsers;

const currentMonth = () => new Date().toISOString().slice(0, 7);

function onOff(values) {
  return table(
    ['name', 'value'],
    Object.entries(values)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => [h('code', {}, name), String(value)]),
  );
}

/** The account itself (the router's record): name, time zone, when it was made, its keys' hints. */
function accountPanel({ user, apiKeys }) {
  return h(
    'section',
    { class: 'card', 'data-user-detail': user.id },
    h('h3', {}, 'User ', h('code', {}, user.id)),
    facts([
      ['name', user.name],
      ['time zone', user.timezone ?? 'none: the zone a device sends, else UTC'],
      ['created', localMinute(user.createdAt)],
      ['API keys', apiKeys.length ? apiKeys.map((key) => `…${key.hint}`).join(', ') : 'none'],
    ]),
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

/** Where the user was: a failed lookup must not leave another user's grant form to act on. */
function lookupFailed(userId, error) {
  return h(
    'section',
    { class: 'card', 'data-lookup-failed': userId },
    h('h3', {}, 'Could not look up ', h('code', {}, userId)),
    h(
      'p',
      { class: 'error' },
      h('strong', { class: 'error-code' }, error.code ?? 'Error'),
      error.status ? ` (${error.status})` : '',
      ` ${error.message}`,
    ),
  );
}

async function lookUp(userId) {
  const month = lookupForm.elements.month.value || currentMonth();
  let panels;
  try {
    const [detail, explained, usage, plans, marks] = await Promise.all([
      api.get(`/admin/users/${segment(userId)}`),
      api.get(`/admin/users/${segment(userId)}/entitlements`),
      usagePanel(userId, month),
      api.get('/admin/plans'),
      internalMarksOrError(),
    ]);
    const marked = async () => {
      await lookUp(userId);
      await internalUsers.load();
    };
    panels = [
      accountPanel(detail),
      entitlementsPanel(explained),
      usage,
      grantForm(userId, plans.plans),
      internalMarkPanel(userId, marks, marked),
    ];
  } catch (error) {
    // A refused token is the console's to handle (it asks again and retries); anything else is shown here.
    if (error instanceof ApiError && error.needsToken) throw error;
    panels = [lookupFailed(userId, error)];
  }
  fill(result, panels);
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
  list = userList({ onOpen: (id) => open(id, userId) });
  internalUsers = internalUsersCard({ onOpen: (id) => open(id, userId) });
  fill(
    container,
    h('h2', {}, 'Users'),
    h(
      'div',
      { class: 'users-layout' },
      h('div', {}, list.element, internalUsers.element),
      h('div', {}, lookupForm, result),
    ),
  );
}

/** A user clicked in the list: looked up as if typed, and brought into view. */
async function open(id, userIdInput) {
  userIdInput.value = id;
  await run(() => lookUp(id));
  result.scrollIntoView({ block: 'nearest' });
}

/** The newest users (or the last search again), each time the view is shown. */
export function load() {
  return Promise.all([list.load(), internalUsers.load()]);
}
