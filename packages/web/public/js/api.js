// The Hark HTTP API as the page uses it: JSON in and out, the API key as a Bearer token, and
// every failure turned into an ApiError carrying the server's {error: {code, message}}.

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, 0 when the server could not be reached
   * @param {string} code   HARK_ERR_… from the server, or a client-side code
   */
  constructor(status, code, message, details) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /**
   * 401: no or wrong credential; 403: one that may not do this. Either way, ask for one again;
   * but not for an operator whose role is too low (roleTooLow): the same token would be refused again.
   */
  get needsToken() {
    return (this.status === 401 || this.status === 403) && !this.roleTooLow;
  }

  /** A valid operator token whose role may not call this route (viewer, support, billing, owner). */
  get roleTooLow() {
    return this.code === 'HARK_ERR_INSUFFICIENT_ROLE';
  }
}

/** Reads a failed response's JSON error body; a body that is not one still gives a readable error. */
export async function errorFromResponse(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's HTML page): fall through to the status line.
  }
  const error = body?.error;
  if (error && typeof error.code === 'string') {
    return new ApiError(response.status, error.code, error.message ?? error.code, error.details);
  }
  return new ApiError(response.status, `HTTP_${response.status}`, `The server answered ${response.status}.`);
}

/** What a person is told when the server refuses their API key: no codes, no header names. */
export const KEY_REFUSED = "That key wasn't accepted. Check it and try again.";

/** A failure in words for the person using the page; the code and the server's text stay out of sight. */
export function userMessage(error) {
  if (error?.status === 401) return KEY_REFUSED;
  return error?.message ?? String(error);
}

/** "HARK_ERR_UNAUTHORIZED (401): Missing or invalid credentials…": for a tooltip or a bug report, not the page. */
export function technicalDetail(error) {
  if (!error?.code) return '';
  return `${error.code}${error.status ? ` (${error.status})` : ''}: ${error.message}`;
}

export const networkError = (cause) =>
  new ApiError(0, 'NETWORK', `Could not reach the server (${cause?.message ?? cause}).`);

export class HarkApi {
  /** @param {() => string | null} getKey where the current API key is read from */
  constructor(getKey, baseUrl = '') {
    this.getKey = getKey;
    this.baseUrl = baseUrl;
  }

  headers(extra = {}) {
    const key = this.getKey();
    return { ...(key ? { authorization: `Bearer ${key}` } : {}), ...extra };
  }

  /** A raw fetch with the key; the caller reads the body (used for event streams). */
  async fetch(path, init = {}) {
    try {
      return await fetch(this.baseUrl + path, { ...init, headers: this.headers(init.headers) });
    } catch (error) {
      if (error?.name === 'AbortError') throw error;
      throw networkError(error);
    }
  }

  /** JSON request; resolves the parsed body, rejects with ApiError on a non-2xx answer. */
  async request(method, path, body) {
    const init = { method, headers: {} };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await this.fetch(path, init);
    if (!response.ok) throw await errorFromResponse(response);
    return response.status === 204 ? null : response.json();
  }

  get = (path) => this.request('GET', path);
  post = (path, body) => this.request('POST', path, body ?? {});
  patch = (path, body) => this.request('PATCH', path, body);
  delete = (path) => this.request('DELETE', path);
}
