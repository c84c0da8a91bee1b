// The user's plan and usage (GET /v1/me), and the way to pay for more: Stripe Checkout through
// POST /v1/billing/checkout, or the Customer Portal for an existing subscription.
import { userMessage } from './api.js';
import { byId, h } from './dom.js';

const DEFAULT_OFFER = 'premium';
const QUOTA_LABELS = {
  'conversation.trial_turns_per_month': 'Free conversation turns this month',
  'conversation.turns_per_day': 'Conversation turns today',
};
const FEATURE_LABELS = {
  conversation: 'Open conversation (AI)',
  'voice.stt': 'Server speech recognition',
  'voice.tts': 'Server voices',
};

/** What to tell the user for a billing failure; 503 means the server has no Stripe keys. */
export function billingMessage(error) {
  if (error?.code === 'HARK_ERR_BILLING_UNAVAILABLE' || error?.status === 503) {
    return 'Upgrading is not available on this server: billing (Stripe) is not configured. Ask the operator to grant you a plan.';
  }
  return `Could not start the upgrade: ${error?.message ?? error}`;
}

export class AccountView {
  /** @param {import('./api.js').HarkApi} api */
  constructor(api, onError) {
    this.api = api;
    this.onError = onError;
    this.me = null;
    this.offer = DEFAULT_OFFER;
    byId('upgrade').addEventListener('click', () => this.upgrade(this.offer));
    byId('manage').addEventListener('click', () => this.manage());
  }

  async load() {
    try {
      this.me = await this.api.get('/v1/me');
    } catch (error) {
      this.me = null;
      this.#renderUnavailable(error);
      throw error;
    }
    this.render();
  }

  clear() {
    this.me = null;
    byId('account').replaceChildren();
    byId('plan-badge').hidden = true;
    byId('upgrade').hidden = true;
    byId('manage').hidden = true;
    byId('billing-message').hidden = true;
  }

  /** Remembers the plan a turn's upsell offered, for the Upgrade button. */
  offerPlan(planId) {
    this.offer = planId;
  }

  render() {
    const { plan, features, limits, usage, subscription } = this.me;
    const badge = byId('plan-badge');
    badge.textContent = plan.name;
    badge.hidden = false;
    const quotas = Object.entries(usage)
      .filter(([quota]) => (limits[quota] ?? 0) > 0)
      .map(([quota, used]) => h('li', {}, `${QUOTA_LABELS[quota] ?? quota}: ${used} of ${limits[quota]}`));
    const included = Object.entries(features).map(([feature, on]) =>
      h('li', { class: on ? 'yes' : 'no' }, `${on ? '✓' : '✗'} ${FEATURE_LABELS[feature] ?? feature}`),
    );
    byId('account').replaceChildren(
      h('p', {}, 'Plan: ', h('strong', { id: 'plan-name' }, plan.name)),
      subscription ? h('p', { class: 'muted' }, `Subscription: ${subscription.status}`) : '',
      h('ul', { class: 'features' }, included),
      quotas.length > 0 ? h('ul', { class: 'usage' }, quotas) : '',
    );
    byId('upgrade').hidden = features.conversation === true;
    byId('upgrade').textContent = `Upgrade to ${this.offer[0].toUpperCase()}${this.offer.slice(1)}`;
    byId('manage').hidden = !subscription;
  }

  #renderUnavailable(error) {
    byId('account').replaceChildren(
      h(
        'p',
        { class: 'muted' },
        error?.status === 401
          ? 'Plan details show once your key is accepted.'
          : `Plan details are unavailable: ${userMessage(error)}`,
      ),
    );
    byId('upgrade').hidden = false;
  }

  /**
   * POST /v1/billing/checkout and go to the Stripe Checkout page it returns; what went wrong is
   * shown in `message` (next to the button that was pressed).
   */
  async upgrade(planId, message = byId('billing-message')) {
    await this.#toStripe('/v1/billing/checkout', { plan: planId }, message);
  }

  async manage() {
    await this.#toStripe('/v1/billing/portal', {}, byId('billing-message'));
  }

  async #toStripe(path, body, message) {
    message.hidden = true;
    try {
      const { url } = await this.api.post(path, body);
      message.textContent = 'Opening Stripe…';
      message.hidden = false;
      window.location.assign(url);
    } catch (error) {
      message.textContent = billingMessage(error);
      message.hidden = false;
    }
  }
}
