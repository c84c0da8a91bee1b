import { h } from './dom.js';

/**
 * The fields of one plan: name, open for new subscriptions, price, features and limits. Used to
 * edit a plan (only what changed is sent) and to create one (everything is sent). Feature and
 * limit names come from the plans themselves, so a name added on the server needs no console change.
 */

const NAME_PATTERN = '[a-z][a-z0-9_.]{0,63}';

function priceFields(price) {
  const paid = h('input', { type: 'checkbox', name: 'paid', checked: price !== null });
  const amount = h('input', {
    type: 'number',
    name: 'amount',
    min: 0,
    step: 0.01,
    value: price ? (price.amount / 100).toFixed(2) : '0.00',
  });
  const currency = h('input', {
    name: 'currency',
    value: price?.currency ?? 'usd',
    pattern: '[a-z]{3}',
    size: 3,
  });
  const interval = h(
    'select',
    { name: 'interval' },
    ['month', 'year'].map((each) => h('option', { value: each, selected: price?.interval === each }, each)),
  );
  const stripePriceId = h('input', {
    name: 'stripePriceId',
    value: price?.stripePriceId ?? '',
    placeholder: 'price_… (optional)',
  });
  const toggle = () => {
    for (const input of [amount, currency, interval, stripePriceId]) input.disabled = !paid.checked;
  };
  paid.addEventListener('change', toggle);
  toggle();
  const element = h(
    'fieldset',
    { class: 'price' },
    h('legend', {}, 'Price'),
    h('label', {}, paid, ' paid plan'),
    h('label', {}, 'amount ', amount),
    h('label', {}, 'currency ', currency),
    h('label', {}, 'per ', interval),
    h('label', {}, 'Stripe price ', stripePriceId),
  );
  const read = () =>
    paid.checked
      ? {
          stripePriceId: stripePriceId.value.trim() || null,
          amount: Math.round(Number(amount.value) * 100),
          currency: currency.value.trim(),
          interval: interval.value,
        }
      : null;
  return { element, read };
}

/** "conversation.turns_per_day" with a line break allowed after each "." and "_", for narrow cards. */
const breakable = (name) =>
  name.split(/(?<=[._])/).flatMap((part, index) => (index ? [h('wbr'), part] : part));

/** One feature (a checkbox) or limit (a whole number) row, which can be marked for removal. */
function entryRow(kind, name, value, removable) {
  const input =
    kind === 'feature'
      ? h('input', { type: 'checkbox', 'data-feature': name, checked: value, 'aria-label': name })
      : h('input', {
          type: 'number',
          min: 0,
          step: 1,
          required: true,
          'data-limit': name,
          value,
          'aria-label': name,
        });
  const row = h(
    'tr',
    {},
    h('th', { scope: 'row' }, h('code', { class: 'entry-name' }, breakable(name))),
    h('td', {}, input),
  );
  const entry = { name, removed: false, row };
  entry.read = () => (kind === 'feature' ? input.checked : Number(input.value));
  if (removable) {
    const remove = h(
      'button',
      { type: 'button', class: 'link', title: `Remove ${name} from the plan` },
      'remove',
    );
    remove.addEventListener('click', () => {
      entry.removed = !entry.removed;
      row.classList.toggle('removed', entry.removed);
      input.disabled = entry.removed;
      remove.textContent = entry.removed ? 'keep' : 'remove';
    });
    row.append(h('td', {}, remove));
  }
  return entry;
}

/** A table of features or limits, with a row to add a name the plan does not have yet. */
function entryTable(kind, values, removable) {
  const entries = new Map();
  const body = h('tbody');
  const add = (name, value) => {
    const entry = entryRow(kind, name, value, removable);
    entries.set(name, entry);
    body.append(entry.row);
  };
  for (const [name, value] of Object.entries(values).sort(([a], [b]) => a.localeCompare(b))) add(name, value);

  const newName = h('input', {
    pattern: NAME_PATTERN,
    placeholder: `new ${kind} name`,
    'aria-label': `new ${kind}`,
  });
  const addButton = h('button', { type: 'button', class: 'link' }, `add ${kind}`);
  addButton.addEventListener('click', () => {
    const name = newName.value.trim();
    if (!name || !newName.checkValidity() || entries.has(name)) return newName.reportValidity();
    add(name, kind === 'feature' ? false : 0);
    newName.value = '';
  });
  const element = h(
    'fieldset',
    { class: `entries ${kind}s` },
    h('legend', {}, kind === 'feature' ? 'Features' : 'Limits'),
    h('table', {}, body),
    h('div', { class: 'add-entry' }, newName, ' ', addButton),
  );
  /** name -> value, with null for a name marked for removal. */
  const read = () =>
    Object.fromEntries([...entries.values()].map((e) => [e.name, e.removed ? null : e.read()]));
  return { element, read };
}

/**
 * The form's fields for `plan` (a Plan as the API returns it). `read()` returns
 * `{name, enabled, price, features, limits}` with null for removed features and limits.
 */
export function planFields(plan, { removable = true } = {}) {
  const name = h('input', { name: 'name', value: plan.name, required: true, maxlength: 100 });
  const enabled = h('input', { type: 'checkbox', name: 'enabled', checked: plan.enabled });
  const price = priceFields(plan.price);
  const features = entryTable('feature', plan.features, removable);
  const limits = entryTable('limit', plan.limits, removable);
  const element = h(
    'div',
    { class: 'plan-fields' },
    h(
      'div',
      { class: 'row' },
      h('label', {}, 'Name ', name),
      h('label', { title: 'Open for new subscriptions; existing ones are unaffected' }, enabled, ' enabled'),
    ),
    price.element,
    h('div', { class: 'entry-tables' }, features.element, limits.element),
  );
  const read = () => ({
    name: name.value.trim(),
    enabled: enabled.checked,
    price: price.read(),
    features: features.read(),
    limits: limits.read(),
  });
  return { element, read };
}

const PRICE_FIELDS = ['stripePriceId', 'amount', 'currency', 'interval'];
const samePrice = (a, b) =>
  a === null || b === null ? a === b : PRICE_FIELDS.every((field) => a[field] === b[field]);

function changedEntries(before, after) {
  const changes = Object.entries(after).filter(([name, value]) => before[name] !== value);
  return changes.length ? Object.fromEntries(changes) : undefined;
}

/** The PATCH /admin/plans/:id body for what changed between `plan` and the form's values, or null. */
export function planPatch(plan, values) {
  const patch = {
    name: values.name === plan.name ? undefined : values.name,
    enabled: values.enabled === plan.enabled ? undefined : values.enabled,
    price: samePrice(values.price, plan.price) ? undefined : values.price,
    features: changedEntries(plan.features, values.features),
    limits: changedEntries(plan.limits, values.limits),
  };
  const present = Object.entries(patch).filter(([, value]) => value !== undefined);
  return present.length ? Object.fromEntries(present) : null;
}

/** A full plan for POST /admin/plans from the form's values (removed entries left out). */
export function newPlan(id, values) {
  const kept = (entries) => Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== null));
  return { id, ...values, features: kept(values.features), limits: kept(values.limits) };
}
