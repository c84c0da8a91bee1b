/** Small HTTP helpers of the chaos tests: users over the operator API, timed requests. */

export const ADMIN_TOKEN = 'chaos-operator-token';

const json = { 'content-type': 'application/json' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Creates a user through the router's operator API and returns a fresh API key of theirs. */
export async function userWithKey(routerUrl: string, id: string): Promise<string> {
  const created = await fetch(`${routerUrl}/admin/users`, {
    method: 'POST',
    headers: { ...bearer(ADMIN_TOKEN), ...json },
    body: JSON.stringify({ id, name: id, timezone: 'Europe/Paris' }),
  });
  if (created.status !== 201) throw new Error(`creating ${id}: ${created.status} ${await created.text()}`);
  const issued = await fetch(`${routerUrl}/admin/users/${id}/keys`, {
    method: 'POST',
    headers: bearer(ADMIN_TOKEN),
  });
  const body = (await issued.json()) as { key: string };
  return body.key;
}

export interface Outcome {
  /** ms since the load started. */
  at: number;
  ms: number;
  /** 0 when the connection failed. */
  status: number;
  code?: string;
  body?: unknown;
  /** What the caller wants to know the request by (which instance it went to). */
  tag?: string;
}

/** One request, timed; a connection error is an outcome (status 0), not a throw. */
export async function timed(
  started: number,
  url: string,
  init: RequestInit & { timeoutMs?: number } = {},
): Promise<Outcome> {
  const at = performance.now() - started;
  const signal = AbortSignal.timeout(init.timeoutMs ?? 10_000);
  try {
    const response = await fetch(url, { ...init, signal });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON (an SSE body): kept as text.
    }
    const code = (body as { error?: { code?: string } } | null)?.error?.code;
    return { at, ms: performance.now() - started - at, status: response.status, code, body };
  } catch {
    return { at, ms: performance.now() - started - at, status: 0 };
  }
}

export const post = (token: string, body: unknown): RequestInit => ({
  method: 'POST',
  headers: { ...bearer(token), ...json },
  body: JSON.stringify(body),
});

export const get = (token: string): RequestInit => ({ headers: bearer(token) });

/**
 * Runs `request` in `lanes` concurrent loops until `stop()` is called; resolves with every outcome.
 * `request` gets a running number, so callers can spread the load over routes and users.
 */
export function runLoad(lanes: number, request: (n: number) => Promise<Outcome>) {
  let stopped = false;
  let next = 0;
  const outcomes: Outcome[] = [];
  const lane = async () => {
    while (!stopped) outcomes.push(await request(next++));
  };
  const running = Promise.all(Array.from({ length: lanes }, lane));
  return {
    outcomes,
    async stop(): Promise<Outcome[]> {
      stopped = true;
      await running;
      return outcomes;
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 50 ms until it returns true; throws after `timeoutMs`. */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

export function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}
