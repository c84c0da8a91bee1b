// The Hark web client: one page, one API key, text or voice in, streamed replies out, live
// timers and alarms, lists, plan and upgrade. Plain ES modules, no build step.
import { AccountView } from './account-view.js';
import { HarkApi, technicalDetail, userMessage } from './api.js';
import { ClocksView } from './clocks-view.js';
import { converseStreaming } from './converse.js';
import { byId, h } from './dom.js';
import { DeviceEventStream } from './events.js';
import { deviceId, keyHint, keyStore } from './key-store.js';
import { ListsView } from './lists-view.js';
import { canRecognise, canSpeak, chime, listenOnce, speak } from './speech.js';
import { TranscriptView } from './transcript-view.js';

const SPEAK_SETTING = 'hark.speakReplies';
// Hark understands English only: other browser languages would be refused (or misheard) every turn.
const lang = navigator.language?.toLowerCase().startsWith('en') ? navigator.language : 'en-US';
const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;

const api = new HarkApi(() => keyStore.get());
const account = new AccountView(api, showError);
const lists = new ListsView(api, showError);
const transcript = new TranscriptView({ onUpgrade: (plan, message) => account.upgrade(plan, message) });
const clocks = new ClocksView(api, {
  onError: showError,
  onRing: (text) => {
    chime();
    if (speakReplies()) speak(text, lang);
  },
});
const events = new DeviceEventStream(api, {
  onEvent: (type, item) => clocks.onEvent(type, item),
  onOpen: () => clocks.load().catch(showError),
  onMissed: () => clocks.load().catch(showError),
  onStatus: (status, error) => {
    const badge = byId('live-status');
    badge.textContent = status;
    badge.dataset.status = status;
    if (error?.status === 401) showError(error);
  },
});
let sessionId;

/**
 * Shows an error until dismissed; a refused key also reopens the key form. The page says what
 * happened in plain words; the error code and the server's wording are kept in the tooltip
 * (and data-code), for whoever has to report or debug it.
 */
function showError(error) {
  const text = userMessage(error);
  // The same failure from several panels at once (a refused key) is shown once.
  const shown = [...byId('errors').children].some((element) => element.dataset.text === text);
  if (shown) return error?.status === 401 ? showKeyForm(true) : undefined;
  const item = h(
    'div',
    {
      class: 'error',
      'data-code': error?.code ?? '',
      'data-text': text,
      title: technicalDetail(error) || null,
    },
    h('span', {}, text),
    h('button', { type: 'button', class: 'link', onclick: () => item.remove() }, 'dismiss'),
  );
  byId('errors').append(item);
  if (error?.status === 401) showKeyForm(true);
}

const speakReplies = () => canSpeak() && byId('speak-replies').checked;

async function say(text) {
  transcript.addUser(text);
  const reply = transcript.startReply();
  const request = { text, sessionId, deviceId: deviceId(), timezone, locale: lang };
  try {
    const response = await converseStreaming(api, request, {
      onIntent: reply.intent,
      onDelta: reply.delta,
      onTool: reply.tool,
    });
    sessionId = response.sessionId;
    reply.finish(response);
    if (speakReplies()) speak(response.reply.speech ?? response.reply.text, lang);
    afterTurn(response);
  } catch (error) {
    reply.fail(error);
    showError(error);
  }
}

/** Refreshes what a turn may have changed; timers and alarms arrive as events. */
function afterTurn(response) {
  const intent = response.intent?.name ?? '';
  if (intent.startsWith('list.')) lists.load().catch(showError);
  if (response.upsell) account.offerPlan(response.upsell.plan);
  if (response.handledBy !== 'skill') account.load().catch(() => {});
  if (byId('live-status').dataset.status !== 'live' && /^(timer|alarm)\./.test(intent)) {
    clocks.load().catch(showError);
  }
}

function setUpSayForm() {
  const input = byId('say-input');
  byId('say-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    byId('say-send').disabled = true;
    try {
      await say(text);
    } finally {
      byId('say-send').disabled = false;
      input.focus();
    }
  });
}

function setUpVoice() {
  const mic = byId('mic');
  const speakBox = byId('speak-replies');
  const notes = [];
  if (!canRecognise()) {
    mic.hidden = true;
    mic.disabled = true;
    notes.push('Voice input is not available in this browser: type instead.');
  }
  if (canSpeak()) speakBox.checked = localStorage.getItem(SPEAK_SETTING) !== 'off';
  else {
    speakBox.disabled = true;
    notes.push('This browser cannot read replies aloud.');
  }
  speakBox.addEventListener('change', () =>
    localStorage.setItem(SPEAK_SETTING, speakBox.checked ? 'on' : 'off'),
  );
  byId('voice-note').textContent = notes.join(' ');
  if (!canRecognise()) return;

  let cancel = null;
  mic.addEventListener('click', () => {
    if (cancel) return cancel();
    const input = byId('say-input');
    mic.setAttribute('aria-pressed', 'true');
    mic.classList.add('listening');
    cancel = listenOnce({
      lang,
      onInterim: (text) => {
        input.value = text;
      },
      onText: (text) => {
        input.value = '';
        if (text) void say(text);
      },
      onError: (message) => showError(new Error(message)),
      onEnd: () => {
        cancel = null;
        mic.setAttribute('aria-pressed', 'false');
        mic.classList.remove('listening');
      },
    });
  });
}

function showKeyForm(show) {
  byId('key-panel').hidden = !show;
  byId('key-cancel').hidden = !keyStore.get();
  if (show) byId('key-input').focus();
}

function setUpKey() {
  byId('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = byId('key-input').value.trim();
    if (!key) return;
    keyStore.set(key);
    byId('key-input').value = '';
    byId('errors').replaceChildren();
    stop();
    start();
  });
  byId('key-change').addEventListener('click', () => showKeyForm(true));
  byId('key-cancel').addEventListener('click', () => showKeyForm(false));
  byId('key-forget').addEventListener('click', () => {
    keyStore.forget();
    stop();
    byId('app').hidden = true;
    byId('key-summary').hidden = true;
    showKeyForm(true);
  });
}

function start() {
  const key = keyStore.get();
  if (!key) return showKeyForm(true);
  showKeyForm(false);
  byId('app').hidden = false;
  byId('key-summary').hidden = false;
  byId('key-hint').textContent = keyHint(key);
  events.start();
  lists.load().catch(showError);
  account.load().catch(() => {});
}

function stop() {
  events.stop();
  byId('live-status').textContent = 'offline';
  byId('live-status').dataset.status = 'off';
  clocks.stop();
  lists.clear();
  account.clear();
  transcript.clear();
  sessionId = undefined;
}

/** Stripe Checkout sends the user back to /?billing=success or /?billing=cancelled. */
function showBillingReturn() {
  const outcome = new URLSearchParams(location.search).get('billing');
  if (!outcome) return;
  history.replaceState(null, '', location.pathname);
  const message = byId('billing-message');
  message.hidden = false;
  if (outcome !== 'success') {
    message.textContent = 'Checkout was cancelled: nothing was charged.';
    return;
  }
  message.textContent = 'Thank you! Your new plan applies as soon as Stripe confirms the payment.';
  // Stripe confirms by webhook, a moment after the redirect: look again a few times.
  for (const delay of [2_000, 5_000, 10_000]) setTimeout(() => account.load().catch(() => {}), delay);
}

setUpKey();
setUpSayForm();
setUpVoice();
start();
showBillingReturn();
