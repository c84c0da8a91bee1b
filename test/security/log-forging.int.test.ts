// Issue 20, item 6: a CR/LF in a caller's time zone or locale was echoed into the human-readable
// log (the error message that names the bad value), so a caller could write a line of their own.
// The services log here through their production logger options into pino-pretty, as
// `LOG_PRETTY=true` does, and every line is checked.
import { Writable } from 'node:stream';
import { loggerOptions, prettyLogOptions } from '@hark/core';
import pinoPretty from 'pino-pretty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostileStack, type ServiceName, startHostileStack } from './support/hostile-stack.js';

const output: Record<ServiceName, string[]> = { router: [], entitlements: [], conversation: [] };

/** pino-pretty with the options `LOG_PRETTY=true` uses (colour off, to read the text). */
const prettyInto = (service: ServiceName) =>
  pinoPretty({
    ...prettyLogOptions,
    colorize: false,
    sync: true,
    destination: new Writable({
      write(chunk, _encoding, done) {
        output[service].push(String(chunk));
        done();
      },
    }),
  });

const FORGED = 'Europe/London\r\nFAKE LINE level=info msg="operator login ok"';
const hostileValues = [
  FORGED,
  'en-US\nFAKE LINE',
  'en\r\nFAKE LINE\u001b[2K',
  'Europe/Paris\u2028FAKE LINE',
  'Europe/Paris\rFAKE LINE',
];

let stack: HostileStack;

beforeAll(async () => {
  stack = await startHostileStack('log-forging', {
    logger: (service) => ({
      ...loggerOptions({ LOG_LEVEL: 'trace', LOG_PRETTY: false }),
      stream: prettyInto(service),
    }),
  });
});
afterAll(() => stack?.close());

describe('user input in log lines', () => {
  it('never starts a line of its own in the human-readable log', async () => {
    const { key } = await stack.userWithKey('forger');
    const headers = { authorization: `Bearer ${key}` };
    const statuses: number[] = [];
    for (const value of hostileValues) {
      for (const [method, url, payload] of [
        ['POST', '/v1/converse', { text: 'what time is it', timezone: value }],
        ['POST', '/v1/converse', { text: 'what time is it', locale: value }],
        ['POST', '/v1/nlu/parse', { text: 'set a timer for 5 minutes', locale: value }],
        ['PATCH', '/v1/profile', { timezone: value }],
        ['PATCH', '/v1/profile', { locale: value }],
      ] as const) {
        const response = await stack.router.inject({ method, url, headers, payload });
        statuses.push(response.statusCode);
      }
    }
    expect(statuses.every((status) => status === 400)).toBe(true);
    const lines = output.router.join('').split(/\r\n|\r|\n|\u2028|\u2029/);
    const forged = lines.filter((line) => line.trimStart().startsWith('FAKE'));
    expect(forged).toEqual([]);
    // The refusals were logged, with the value escaped rather than dropped.
    expect(output.router.join('')).toContain('Europe/London\\r\\nFAKE LINE');
    expect(output.router.join('')).not.toContain('\u001b[2K');
  });
});
