// The API key lives in localStorage: entered once per browser, changed or forgotten on request.
const KEY = 'hark.apiKey';
const DEVICE = 'hark.deviceId';

export const keyStore = {
  get: () => localStorage.getItem(KEY),
  set: (key) => localStorage.setItem(KEY, key.trim()),
  forget: () => localStorage.removeItem(KEY),
};

/** "…y-key": enough of the key to recognise it, not enough to use it. */
export const keyHint = (key) => (key.length > 8 ? `…${key.slice(-4)}` : '…');

/** A stable id for this browser, sent as deviceId so timers say where they were set. */
export function deviceId() {
  let id = localStorage.getItem(DEVICE);
  if (!id) {
    // randomUUID exists only in secure contexts (https, localhost); plain http on a LAN has none.
    const random = crypto.randomUUID?.() ?? Math.random().toString(16).slice(2);
    id = `web-${random.slice(0, 8)}`;
    localStorage.setItem(DEVICE, id);
  }
  return id;
}
