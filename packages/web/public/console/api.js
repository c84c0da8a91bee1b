/**
 * Calls to the router's /admin routes with the operator token. The token lives in localStorage so
 * it is entered once per browser. The audit log names the operator from the token; the note, when
 * given, goes out as `x-operator` and is logged next to it.
 */

import { ApiError, errorFromResponse } from '../js/api.js';

// One error type for both pages: an `{error: {code, message, details?}}` answer, or status 0 when
// the router cannot be reached.
export { ApiError };

const TOKEN_KEY = 'hark.console.token';
const OPERATOR_KEY = 'hark.console.operator';

export const session = {
  token: () => localStorage.getItem(TOKEN_KEY),
  operator: () => localStorage.getItem(OPERATOR_KEY) ?? '',
  save(token, operator) {
    localStorage.setItem(TOKEN_KEY, token);
    if (operator) localStorage.setItem(OPERATOR_KEY, operator);
    else localStorage.removeItem(OPERATOR_KEY);
  },
  forget: () => localStorage.removeItem(TOKEN_KEY),
};

async function request(method, path, body) {
  const headers = { authorization: `Bearer ${session.token() ?? ''}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (session.operator()) headers['x-operator'] = session.operator();
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, 'NETWORK', `Could not reach the router: ${error.message}`);
  }
  if (!response.ok) throw await errorFromResponse(response);
  return response;
}

/** The file name a Content-Disposition header suggests, if any. */
function suggestedName(response, fallback) {
  const disposition = response.headers.get('content-disposition') ?? '';
  return /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallback;
}

export const api = {
  get: async (path) => (await request('GET', path)).json(),
  send: async (method, path, body) => (await request(method, path, body)).json(),
  /** A file behind the operator token: links cannot send headers, so it is fetched and kept as a Blob. */
  async download(path, fallbackName) {
    const response = await request('GET', path);
    return { blob: await response.blob(), name: suggestedName(response, fallbackName) };
  },
};

/** Path segment, escaped: user ids and feature names come from the operator's typing. */
export const segment = (value) => encodeURIComponent(value);

/** Query string from the defined entries of `params`. */
export function query(params) {
  const entries = Object.entries(params).filter(([, value]) => value !== undefined && value !== '');
  return entries.length ? `?${new URLSearchParams(entries)}` : '';
}
