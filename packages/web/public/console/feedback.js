import { ApiError, session } from './api.js';
import { fill, h, json } from './dom.js';

/** The error banner, the "saved" notice and the token dialog: how the console talks back. */

const errorBanner = () => document.getElementById('error');
const notice = () => document.getElementById('notice');

export function clearError() {
  fill(errorBanner()).hidden = true;
}

/** Shows `{error: {code, message, details}}` as the API gave it: the code is what support searches for. */
export function showError(error) {
  const banner = errorBanner();
  const isApi = error instanceof ApiError;
  fill(
    banner,
    h('strong', { class: 'error-code' }, isApi ? error.code : 'Error'),
    isApi && error.status ? h('span', { class: 'error-status' }, ` (${error.status})`) : null,
    h('span', { class: 'error-message' }, ` ${error.message}`),
    isApi && error.roleTooLow
      ? h(
          'span',
          { class: 'error-hint' },
          ' Ask an owner for a token with that role, or use Change token to sign in with another.',
        )
      : null,
    isApi && error.details !== undefined ? h('code', { class: 'error-details' }, json(error.details)) : null,
  );
  banner.hidden = false;
}

let noticeTimer;
/** A short confirmation ("Saved plan premium"), cleared after a few seconds. */
export function notify(message) {
  const element = notice();
  element.textContent = message;
  element.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => {
    element.hidden = true;
  }, 6000);
}

/**
 * Asks before something that cannot be taken back quietly: a modal dialog with `title`, the
 * paragraphs of `lines`, Cancel (the default: Enter and Escape cancel) and a `confirmLabel` button.
 * Resolves true only when that button was pressed.
 */
export function confirmAction({ title, lines, confirmLabel }) {
  const cancel = h(
    'button',
    { type: 'submit', value: 'cancel', class: 'secondary', autofocus: true },
    'Cancel',
  );
  const confirm = h(
    'button',
    { type: 'submit', value: 'confirm', class: 'danger', 'data-confirm': '' },
    confirmLabel,
  );
  const dialog = h(
    'dialog',
    { class: 'confirm', 'aria-labelledby': 'confirm-title' },
    h(
      'form',
      { method: 'dialog' },
      h('h2', { id: 'confirm-title' }, title),
      lines.map((line) => h('p', {}, line)),
      h('div', { class: 'actions' }, cancel, confirm),
    ),
  );
  document.body.append(dialog);
  const answered = new Promise((resolve) =>
    dialog.addEventListener(
      'close',
      () => {
        dialog.remove();
        resolve(dialog.returnValue === 'confirm');
      },
      { once: true },
    ),
  );
  dialog.showModal();
  return answered;
}

/** Opens the token dialog; resolves when it closes (with a token saved, unless one was kept). */
export function askForToken(reason) {
  const dialog = document.getElementById('token-dialog');
  const form = dialog.querySelector('form');
  document.getElementById('token-reason').textContent = reason;
  form.elements.token.value = '';
  form.elements.operator.value = session.operator();
  const closed = new Promise((resolve) => dialog.addEventListener('close', resolve, { once: true }));
  if (!dialog.open) dialog.showModal();
  return closed;
}

/** Saves what the token dialog was given, then calls `onSaved`; wired once, at start. */
export function wireTokenDialog(onSaved) {
  const dialog = document.getElementById('token-dialog');
  const form = dialog.querySelector('form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = form.elements.token.value.trim();
    if (!token || !form.reportValidity()) return;
    session.save(token, form.elements.operator.value.trim());
    dialog.close();
    onSaved();
  });
  // The token is required: Escape must not leave the console without one.
  dialog.addEventListener('cancel', (event) => {
    if (!session.token()) event.preventDefault();
  });
}

/**
 * Runs one operator action: clears the last error, shows a new one, and on 401/403 asks for the
 * token and runs the action again with it. A role too low for the action is only shown: asking for
 * the same token again would not help.
 */
export async function run(action) {
  clearError();
  try {
    return await action();
  } catch (error) {
    showError(error);
    if (error instanceof ApiError && error.needsToken) {
      session.forget();
      await askForToken(`The router refused the operator token (${error.code}). Enter it again.`);
      return run(action);
    }
    return undefined;
  }
}
