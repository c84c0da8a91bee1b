import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** How one stalled upload ended, seen from the client. */
type StallEnd = { status: number } | 'closed' | 'open';

export interface StallOutcome {
  sent: number;
  /** Status of each answered upload ("408", …), "closed" without an answer, "open" still held. */
  ends: Map<string, number>;
  /** Slowest answer to an ordinary request while the uploads were held. */
  othersWaitedMs: number;
}

const head = (method: string, path: string, headers: Record<string, string | number>) =>
  `${method} ${path} HTTP/1.1\r\nHost: hark.test\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n`;

/** Requests that start and then stop sending: a body cut short, or headers never finished. */
function stalledRequest(index: number, credential: string): string {
  const auth = { authorization: credential };
  switch (index % 3) {
    case 0:
      return `${head('POST', '/v1/converse', { ...auth, 'content-type': 'application/json', 'content-length': 4_000 })}{"text":"set a timer for`;
    case 1:
      return `${head('POST', '/v1/converse/audio', { ...auth, 'content-type': 'audio/wav', 'content-length': 200_000 })}RIFF\u0000\u0000\u0000\u0000WAVE`;
    default:
      return `GET /v1/timers HTTP/1.1\r\nHost: hark.test\r\nauthorization: ${credential}\r\nx-slow: `;
  }
}

function stall(port: number, bytes: string, sockets: Socket[]): Promise<StallEnd> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    socket.on('error', () => undefined);
    socket.once('data', (chunk) => resolve({ status: Number(chunk.toString('latin1').split(' ')[1]) }));
    socket.once('close', () => resolve('closed'));
    socket.write(bytes);
  });
}

/**
 * `count` uploads that stall after a few bytes, held for `holdMs`; meanwhile `ordinary` (a normal
 * request) must still be answered. Every socket is destroyed at the end.
 */
export async function stalledUploads(
  port: number,
  options: { count: number; credential: string; holdMs: number; ordinary: () => Promise<unknown> },
): Promise<StallOutcome> {
  const sockets: Socket[] = [];
  const ends = Array.from({ length: options.count }, (_, index) =>
    stall(port, stalledRequest(index, options.credential), sockets),
  );
  const startedAt = Date.now();
  let othersWaitedMs = 0;
  while (Date.now() - startedAt < options.holdMs - 250) {
    const before = Date.now();
    await options.ordinary();
    othersWaitedMs = Math.max(othersWaitedMs, Date.now() - before);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const held = new Promise<'open'>((resolve) =>
    setTimeout(() => resolve('open'), Math.max(0, options.holdMs - (Date.now() - startedAt))),
  );
  const settled = await Promise.all(ends.map((end) => Promise.race([end, held])));
  for (const socket of sockets) socket.destroy();
  const counts = new Map<string, number>();
  for (const end of settled) {
    const name = typeof end === 'string' ? end : String(end.status);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return { sent: options.count, ends: counts, othersWaitedMs };
}

export interface GuessOutcome {
  sent: number;
  /** Wrong guesses answered (401/403) before the first 429; null when no 429 came. */
  answeredBeforeThrottle: number | null;
  statuses: Map<number, number>;
  /** Guesses that opened something (2xx): breaches. */
  accepted: number;
}

/**
 * Sends up to `max` wrong credentials from one client address (`remoteAddress`), one at a time,
 * and stops at the first 429.
 */
export async function guessCredentials(
  app: FastifyInstance,
  options: {
    url: string;
    max: number;
    remoteAddress: string | ((attempt: number) => string);
    guess: (attempt: number) => Record<string, string>;
  },
): Promise<GuessOutcome> {
  const outcome: GuessOutcome = { sent: 0, answeredBeforeThrottle: null, statuses: new Map(), accepted: 0 };
  for (let attempt = 0; attempt < options.max; attempt++) {
    const address =
      typeof options.remoteAddress === 'function' ? options.remoteAddress(attempt) : options.remoteAddress;
    const response = await app.inject({
      method: 'GET',
      url: options.url,
      headers: options.guess(attempt),
      remoteAddress: address,
    });
    outcome.sent++;
    outcome.statuses.set(response.statusCode, (outcome.statuses.get(response.statusCode) ?? 0) + 1);
    if (response.statusCode < 300) outcome.accepted++;
    if (response.statusCode === 429) {
      outcome.answeredBeforeThrottle = attempt;
      break;
    }
  }
  return outcome;
}

/** A random credential of the shape real ones have. */
export const randomGuess = (prefix = 'hark_') => `${prefix}${randomBytes(32).toString('base64url')}`;
