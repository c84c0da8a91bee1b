import { api, segment } from './api.js';
import { fill, h, table } from './dom.js';
import { confirmAction, notify, run } from './feedback.js';
import { newPlan, planFields, planPatch } from './plan-form.js';

/**
 * Plans (edit any field; a change applies to everyone on the plan at once), kill switches (a
 * feature off for everyone whatever their plan) and a form to add a plan.
 */

let container;
let plans = [];
let switchedOff = [];

/** Every feature and limit name any plan knows: the template of a new plan. */
function knownNames() {
  const features = new Set(switchedOff);
  const limits = new Set();
  for (const plan of plans) {
    for (const name of Object.keys(plan.features)) features.add(name);
    for (const name of Object.keys(plan.limits)) limits.add(name);
  }
  return { features: [...features].sort(), limits: [...limits].sort() };
}

function planCard(plan) {
  const fields = planFields(plan);
  const form = h(
    'form',
    { class: 'card plan', 'data-plan': plan.id },
    h(
      'h3',
      {},
      plan.name,
      ' ',
      h('code', {}, plan.id),
      plan.enabled ? null : h('span', { class: 'badge' }, 'closed'),
    ),
    fields.element,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, `Save ${plan.id}`)),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    const patch = planPatch(plan, fields.read());
    if (!patch) return notify(`Nothing changed in ${plan.id}`);
    return run(async () => {
      await api.send('PATCH', `/admin/plans/${segment(plan.id)}`, patch);
      notify(`Saved plan ${plan.id}: applies to everyone on it now`);
      await load();
    });
  });
  return form;
}

/** What users notice when a feature stops; a feature named on the server alone is shown by its name. */
const FEATURE_EFFECTS = {
  conversation: 'The AI stops answering: what the free skills cannot handle gets no AI reply.',
  'voice.stt': 'Speech recognition on the server stops: voice clients that send audio get no answer.',
  'voice.tts': 'Server voices stop: replies come back as text, not as spoken audio.',
};

/** The confirmation of a kill switch: what stops, and for whom (the plans that include it now). */
function confirmSwitchOff(feature) {
  const including = plans.filter((plan) => plan.features[feature]).map((plan) => `${plan.name} (${plan.id})`);
  return confirmAction({
    title: `Switch off ${feature} for everyone?`,
    lines: [
      FEATURE_EFFECTS[feature] ?? `The feature ${feature} stops.`,
      'This applies at once to every user on every plan.',
      including.length
        ? `Users on ${including.join(', ')} lose it now, paying users included.`
        : 'No plan includes it now, so nobody loses it today; a plan that adds it later will not get it either.',
      'It stays off until you switch it back on here.',
    ],
    confirmLabel: `Switch off ${feature}`,
  });
}

function killSwitches() {
  const off = new Set(switchedOff);
  const rows = knownNames().features.map((feature) => {
    const isOff = off.has(feature);
    const toggle = h(
      'button',
      { type: 'button', 'data-kill-switch': feature, class: isOff ? 'danger' : '' },
      isOff ? 'Switch back on' : 'Switch off for everyone',
    );
    toggle.addEventListener('click', async () => {
      if (!isOff && !(await confirmSwitchOff(feature))) return;
      await run(async () => {
        await api.send('PUT', `/admin/kill-switches/${segment(feature)}`, { enabled: isOff });
        notify(`${feature} is ${isOff ? 'back on' : 'off for everyone'}`);
        await load();
      });
    });
    return [h('code', {}, feature), isOff ? h('strong', { class: 'off' }, 'off') : 'on', toggle];
  });
  return h(
    'section',
    { class: 'card' },
    h('h3', {}, 'Kill switches'),
    h('p', { class: 'hint' }, 'A feature switched off is off for every user, whatever their plan.'),
    table(['feature', 'state', ''], rows, { class: 'kill-switches' }),
  );
}

function createForm() {
  const names = knownNames();
  const template = {
    name: '',
    enabled: true,
    price: null,
    features: Object.fromEntries(names.features.map((name) => [name, false])),
    limits: Object.fromEntries(names.limits.map((name) => [name, 0])),
  };
  const id = h('input', {
    name: 'id',
    required: true,
    // '-' escaped: browsers compile pattern attributes with the v flag, where a bare '-' is refused.
    pattern: '[a-z0-9][a-z0-9_\\-]{0,63}',
    placeholder: 'e.g. family',
  });
  const fields = planFields(template, { removable: false });
  const form = h(
    'form',
    { class: 'card plan new-plan' },
    h('h3', {}, 'New plan'),
    h('label', {}, 'Id ', id),
    fields.element,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create plan')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    return run(async () => {
      const { plan } = await api.send('POST', '/admin/plans', newPlan(id.value.trim(), fields.read()));
      notify(`Created plan ${plan.id}`);
      await load();
    });
  });
  return form;
}

export function mount(section) {
  container = section;
}

export async function load() {
  const [planList, switches] = await Promise.all([api.get('/admin/plans'), api.get('/admin/kill-switches')]);
  plans = planList.plans;
  switchedOff = switches.switchedOff;
  fill(
    container,
    h('h2', {}, 'Plans'),
    h('div', { class: 'plans' }, plans.map(planCard)),
    killSwitches(),
    createForm(),
  );
}
