// The conversation on screen: what the user said, and Hark's reply growing as `delta` frames
// arrive, then replaced by the final text, with who answered and any upsell.
import { technicalDetail, userMessage } from './api.js';
import { byId, h } from './dom.js';

const HANDLED_BY = {
  skill: 'free skill',
  clarify: 'free skill, asking',
  llm: 'premium AI',
  fallback: 'no answer',
};

export class TranscriptView {
  /** @param {{onUpgrade(planId: string, message: HTMLElement): void}} handlers */
  constructor(handlers) {
    this.handlers = handlers;
    this.list = byId('transcript');
  }

  clear() {
    this.list.replaceChildren();
  }

  addUser(text) {
    this.#append(h('li', { class: 'turn user' }, h('p', { class: 'text' }, text)));
  }

  /** A reply bubble that fills in as the turn streams; returns how to update it. */
  startReply() {
    const text = h('p', { class: 'text pending' }, '…');
    const meta = h('p', { class: 'meta' });
    const extras = h('div', { class: 'extras' });
    const item = h('li', { class: 'turn hark', 'aria-busy': 'true' }, text, extras, meta);
    this.#append(item);
    let streamed = '';
    return {
      intent: (payload) => {
        meta.textContent = payload?.intent ? `intent ${payload.intent.name}` : 'no skill matched';
      },
      delta: (piece) => {
        streamed += piece;
        text.textContent = streamed;
        text.classList.remove('pending');
        this.#scroll();
      },
      tool: (tool) => {
        extras.append(h('p', { class: 'tool' }, `↳ used ${tool?.name ?? 'a skill'}`));
      },
      finish: (response) => {
        item.removeAttribute('aria-busy');
        text.classList.remove('pending');
        text.textContent = response.reply.text || '✓';
        const who = HANDLED_BY[response.handledBy] ?? response.handledBy;
        meta.textContent = [response.intent ? `intent ${response.intent.name}` : null, who]
          .filter(Boolean)
          .join(' · ');
        item.dataset.handledBy = response.handledBy;
        if (response.upsell) extras.append(this.#upsell(response.upsell));
        this.#scroll();
      },
      fail: (error) => {
        item.removeAttribute('aria-busy');
        item.classList.add('failed');
        text.classList.remove('pending');
        if (error?.status === 401) {
          // Not the turn's fault: the key was refused, and the key form says what to do.
          text.textContent = userMessage(error);
          meta.textContent = '';
        } else {
          text.textContent = `Sorry, that failed: ${userMessage(error)}`;
          meta.textContent = error.code ?? '';
        }
        if (error?.code) item.title = technicalDetail(error);
      },
    };
  }

  #upsell(upsell) {
    const outcome = h('p', { class: 'notice billing-outcome', hidden: true });
    return h(
      'div',
      { class: 'upsell', role: 'note' },
      h('p', {}, upsell.message),
      h(
        'button',
        { type: 'button', class: 'upgrade', onclick: () => this.handlers.onUpgrade(upsell.plan, outcome) },
        'Upgrade',
      ),
      outcome,
    );
  }

  #append(item) {
    this.list.append(item);
    this.#scroll();
  }

  #scroll() {
    this.list.scrollTop = this.list.scrollHeight;
  }
}
