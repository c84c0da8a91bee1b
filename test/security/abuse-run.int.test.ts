// The bounded abuse run (docs/RELIABILITY.md#threat-model): the whole stack in production mode, and an
// attacker holding a valid key of their own. Every operation of the router's public OpenAPI document
// and of each inner service's document gets hostile requests (fixed probes and fuzzed ones), then
// cross-tenant attempts on a victim's data, stalled uploads and credential guessing. It prints one
// table (requests, 5xx, hangs, breaches) and requires every count but the first to be 0.
import type { AddressInfo } from 'node:net';
import { configVariableNames, loadConfig } from '@hark/core';
import { testRedisEnv } from '@hark/testing';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRouter } from '../../services/router/src/app.js';
import { silentWav } from '../../services/router/src/testing/wav-fixture.js';
import { guessCredentials, randomGuess, stalledUploads } from './support/abuse-attacks.js';
import { type Operation, operationsOf, probesFor, sampledRequests } from './support/abuse-requests.js';
import {
  AbuseTally,
  countStatus,
  inPool,
  note,
  sendWithDeadline,
  type TallyRow,
} from './support/abuse-tally.js';
import { type OpenApiDocument, openApiDocumentInputs, prototypeSnapshot } from './support/fuzz-harness.js';
import { type HostileStack, stackSecrets, startHostileStack } from './support/hostile-stack.js';
import type { FuzzContext, FuzzRequest } from './support/request-arbitrary.js';

const CANARY = 'VICTOR-CANARY-7f3a9';
const HANG_MS = 5_000;
const SAMPLES_PER_OPERATION = 6;
const SEED = 20_261_128;
const REQUEST_TIMEOUT_MS = 2_000;
/** The request deadline exists when the config knows it (it is passed either way; unknown names are ignored). */
const deadlineConfigured = configVariableNames.includes('REQUEST_TIMEOUT_MS');
const production = {
  NODE_ENV: 'production',
  ADMIN_TOKEN: `${stackSecrets.ADMIN_TOKEN}-long-enough-for-production`,
  INTERNAL_TOKEN: `${stackSecrets.INTERNAL_TOKEN}-long-enough-for-production`,
  REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
  REQUEST_HEADERS_TIMEOUT_MS: '1000',
};
/** The fuzzing phases must get deep, not stop at the budgets; credential guessing gets the defaults. */
const unthrottled = { RATE_LIMIT_MAX: '1000000', AUTH_FAILURE_LIMIT: '1000000' };

let stack: HostileStack;
let routerUrl: string;
let attacker: string;
const victim = { key: '', keyId: '', values: [] as string[], before: '' };
const prototypesBefore = prototypeSnapshot();
const tally = new AbuseTally();
const startedAt = Date.now();

const urlOf = (app: FastifyInstance) => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const asVictim = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  stack.router.inject({
    method,
    url,
    headers: { authorization: `Bearer ${victim.key}` },
    remoteAddress: '192.0.2.10',
    ...(payload ? { payload } : {}),
  });

/** Victor's timers, alarms, reminders, lists, profile and plan, with the fields that move by themselves left out. */
async function victimState(): Promise<string> {
  const lists = (await asVictim('GET', '/v1/lists')).json().lists as { name: string }[];
  const parts = await Promise.all(
    ['/v1/timers', '/v1/alarms', '/v1/reminders', '/v1/profile', '/v1/me', '/v1/lists']
      .concat(lists.map((list) => `/v1/lists/${encodeURIComponent(list.name)}/items`))
      .map(async (url) => [url, (await asVictim('GET', url)).body] as const),
  );
  const stable = (body: string) =>
    JSON.stringify(JSON.parse(body), (key, value) =>
      /remaining|usage|updatedAt/i.test(key) ? undefined : value,
    );
  return JSON.stringify(parts.map(([url, body]) => [url, stable(body)]));
}

/** Victor's data, each piece carrying the canary that must never reach anyone else. */
async function seedVictim(): Promise<void> {
  const created = async (url: string, payload: object, item: string) =>
    (await asVictim('POST', url, payload)).json()[item].id as string;
  const timer = await created('/v1/timers', { durationSeconds: 1800, name: `${CANARY} eggs` }, 'timer');
  const alarm = await created(
    '/v1/alarms',
    { time: '06:15', label: CANARY, timezone: 'Europe/Paris' },
    'alarm',
  );
  const reminder = await created('/v1/reminders', { text: `${CANARY} dentist`, inSeconds: 7200 }, 'reminder');
  await asVictim('POST', '/v1/lists', { name: 'surprise' });
  await asVictim('POST', '/v1/lists/surprise/items', { items: [`${CANARY} cake`] });
  await asVictim('PATCH', '/v1/profile', {
    location: { name: `${CANARY} home`, latitude: 48.8, longitude: 2.3 },
  });
  const pending = (await asVictim('POST', '/v1/converse', { text: 'remind me' })).json().sessionId as string;
  const memory = '0d7a2f4e-5b1c-4e8a-9f3d-2c6b8a1e7f00';
  await asVictim('POST', '/v1/converse', {
    text: `Keep this in mind: my locker code is ${CANARY}`,
    sessionId: memory,
  });
  const audio = await stack.router.inject({
    method: 'POST',
    url: '/v1/converse/audio',
    headers: { authorization: `Bearer ${victim.key}`, 'content-type': 'audio/wav' },
    remoteAddress: '192.0.2.10',
    payload: silentWav(1),
  });
  const speech =
    String(audio.json().reply?.audioUrl ?? '')
      .split('/')
      .at(-1) ?? '';
  victim.values = [
    timer,
    alarm,
    reminder,
    'surprise',
    speech,
    victim.keyId,
    'victor',
    pending,
    memory,
  ].filter(Boolean);
  victim.before = await victimState();
}

beforeAll(async () => {
  stack = await startHostileStack('abuse-run', { env: { ...production, ...unthrottled } });
  await stack.router.listen({ host: '127.0.0.1', port: 0 });
  routerUrl = urlOf(stack.router);
  attacker = `Bearer ${(await stack.userWithKey('mallory', 'premium')).key}`;
  const victor = await stack.userWithKey('victor', 'premium');
  Object.assign(victim, victor);
  await seedVictim();
  stack.openAi.reset();
}, 60_000);
afterAll(() => stack?.close());

/** Why an answer to the attacker is a breach, or null. */
function breachOf(request: FuzzRequest, status: number, body: string): string | null {
  if (body.includes(CANARY))
    return `victim data in the answer to ${request.method} ${request.url.slice(0, 80)}`;
  if (status >= 300) return null;
  const path = request.url.split('?')[0]!;
  if (path.startsWith('/admin')) return `a non-operator got ${status} from ${request.method} ${path}`;
  if (path.startsWith('/internal'))
    return `${request.method} ${path} answered ${status} without the internal token`;
  if (path.startsWith('/webhooks')) return `an unsigned webhook was accepted (${status})`;
  if (path === '/metrics') return '/metrics was served without its token in production';
  return null;
}

/** Sends each request and counts it on `row`. */
async function fire(row: TallyRow, baseUrl: string, requests: readonly FuzzRequest[]): Promise<void> {
  await inPool(requests, 8, async (request) => {
    row.requests++;
    const answer = await sendWithDeadline(baseUrl, request, HANG_MS);
    if (answer === 'hang' || answer === 'reset') {
      row.hangs++;
      return note(row, `${answer}: ${request.method} ${request.url.slice(0, 120)}`);
    }
    countStatus(row, answer.status);
    if (answer.status >= 500) {
      row.serverErrors++;
      note(
        row,
        `${answer.status} ${request.method} ${request.url.slice(0, 120)} ${answer.body.slice(0, 160)}`,
      );
    }
    const breach = breachOf(request, answer.status, answer.body);
    if (breach) {
      row.breaches++;
      note(row, breach);
    }
  });
}

async function documentOf(app: FastifyInstance): Promise<OpenApiDocument> {
  return (await fetch(`${urlOf(app)}/openapi.json`)).json() as Promise<OpenApiDocument>;
}

/** Every documented operation of one service: fixed probes plus requests drawn by the fuzzers' arbitrary. */
async function abuseOperations(
  phase: string,
  app: FastifyInstance,
  documents: OpenApiDocument[],
  headers: Record<string, string> = {},
): Promise<Operation[]> {
  const operations = operationsOf(documents[0]!);
  const context: FuzzContext = {
    ...openApiDocumentInputs(documents),
    templates: [],
    knownValues: ['packing', 'shopping', ...victim.values],
    // A near miss of the operator token: this attacker is not an operator.
    credentials: { user: attacker, operator: `Bearer ${production.ADMIN_TOKEN.slice(0, -1)}X` },
    extraHeaders: fc.constant(headers),
  };
  const requests = operations.flatMap((operation, index) => [
    ...probesFor(operation, context, {
      credential: attacker,
      ownValue: 'packing',
      victimValues: victim.values,
      headers,
    }),
    ...sampledRequests(operation, context, SAMPLES_PER_OPERATION, SEED + index),
  ]);
  const metrics = { method: 'GET', url: '/metrics', headers: { authorization: attacker } };
  await fire(tally.row(`${phase}: ${operations.length} operations`), urlOf(app), [...requests, metrics]);
  return operations;
}

describe('the abuse run', () => {
  it('answers every hostile request without a 5xx, a hang or a breach', { timeout: 120_000 }, async () => {
    const routerDocument = await documentOf(stack.router);
    const entitlementsDocument = await documentOf(stack.entitlements);
    const routed = await abuseOperations('router (public port)', stack.router, [
      routerDocument,
      entitlementsDocument,
    ]);
    expect(routed.length, 'the public document lists the proxied routes too').toBeGreaterThan(40);
    await abuseOperations('entitlement service, called directly', stack.entitlements, [entitlementsDocument]);
    await abuseOperations(
      'conversation service, called directly',
      stack.conversation,
      [await documentOf(stack.conversation)],
      { 'x-hark-internal-token': 'guessed-internal-token-0000000000' },
    );

    await crossTenantAttempts();
    await stalls();
    await guessing();
    await afterTheRun();

    console.log(`\nAbuse run (seed ${SEED}):\n\n${tally.table((Date.now() - startedAt) / 1000)}\n`);
    const total = tally.total;
    expect(total.requests).toBeGreaterThan(1_000);
    expect({ serverErrors: total.serverErrors, hangs: total.hangs, breaches: total.breaches }).toEqual({
      serverErrors: 0,
      hangs: 0,
      breaches: 0,
    });
  });
});

/** Explicit tries at Victor's sessions, memory, events and identity, beyond his ids in paths. */
async function crossTenantAttempts(): Promise<void> {
  const [timer, , , , , , , pending, memory] = victim.values;
  const json = { authorization: attacker, 'content-type': 'application/json' };
  const converse = (text: string, sessionId?: string): FuzzRequest => ({
    method: 'POST',
    url: '/v1/converse',
    headers: json,
    payload: JSON.stringify(sessionId ? { text, sessionId } : { text }),
  });
  const requests: FuzzRequest[] = [
    converse('What is my locker code?', memory),
    converse('repeat everything I told you', memory),
    converse('call mom tomorrow at 9', pending),
    converse('cancel all my timers', pending),
    converse(`cancel the ${CANARY.slice(0, 6)} timer`),
    { ...converse('what is my locker code?', memory), headers: { ...json, accept: 'text/event-stream' } },
    { method: 'GET', url: '/v1/events', headers: { authorization: attacker, 'last-event-id': '0-0' } },
    {
      method: 'GET',
      url: '/v1/me?userId=victor',
      headers: { authorization: attacker, 'x-user-id': 'victor' },
    },
    { method: 'GET', url: '/v1/timers?userId=victor', headers: { authorization: attacker } },
    {
      method: 'GET',
      url: `/v1/timers/${encodeURIComponent(`{victor}:timer:${timer}`)}`,
      headers: { authorization: attacker },
    },
    {
      method: 'DELETE',
      url: `/v1/lists/surprise/items?item=${encodeURIComponent(`${CANARY} cake`)}`,
      headers: { authorization: attacker },
    },
    { method: 'POST', url: '/admin/users/victor/keys', headers: { authorization: attacker } },
    { method: 'PUT', url: '/admin/users/victor/grant', headers: json, payload: '{"plan":"free"}' },
    {
      method: 'DELETE',
      url: `/admin/keys/${victim.keyId}`,
      headers: { authorization: `Bearer ${victim.keyId}` },
    },
  ];
  const row = tally.row('cross-tenant attempts (sessions, memory, events, identity)');
  await fire(row, routerUrl, requests);
  const leaked = stack.openAi.requests.filter((call) => JSON.stringify(call.messages).includes(CANARY));
  if (leaked.length > 0) {
    row.breaches += leaked.length;
    note(row, `the model was sent Victor's memory in ${leaked.length} of the attacker's turns`);
  }
}

/** Uploads that stop after a few bytes: each must be cut off at the request deadline. */
async function stalls(): Promise<void> {
  const row = tally.row('stalled uploads (body cut short, headers never finished)');
  const holdMs = deadlineConfigured ? REQUEST_TIMEOUT_MS + 2_500 : 3_000;
  const outcome = await stalledUploads((stack.router.server.address() as AddressInfo).port, {
    count: 36,
    credential: attacker,
    holdMs,
    ordinary: () => fetch(`${routerUrl}/v1/timers`, { headers: { authorization: attacker } }),
  });
  row.requests += outcome.sent;
  const ends = [...outcome.ends].map(([end, count]) => `${count} ${end}`).join(', ');
  for (const [end, count] of outcome.ends) {
    if (Number(end) >= 500) row.serverErrors += count;
    if (end === 'open' && deadlineConfigured) row.hangs += count;
  }
  tally.notes.push(
    `Stalled uploads: ${outcome.sent} held ${holdMs} ms: ${ends}` +
      (deadlineConfigured
        ? ` (REQUEST_TIMEOUT_MS=${REQUEST_TIMEOUT_MS}, REQUEST_HEADERS_TIMEOUT_MS=1000).`
        : ' (no request deadline configured: held uploads are not counted as hangs).') +
      ` Ordinary requests meanwhile: slowest ${outcome.othersWaitedMs} ms.`,
  );
  if (outcome.othersWaitedMs > 1_000) {
    row.hangs++;
    note(row, `an ordinary request waited ${outcome.othersWaitedMs} ms while uploads stalled`);
  }
}

/** Wrong API keys and operator tokens against a router with the default failed-auth limits. */
async function guessing(): Promise<void> {
  const guard = await buildRouter({
    config: loadConfig({
      ...testRedisEnv(),
      REDIS_PREFIX: stack.testRedis.prefix,
      ...stackSecrets,
      ...production,
      ENTITLEMENTS_URL: urlOf(stack.entitlements),
      CONVERSATION_URL: urlOf(stack.conversation),
    }),
    redis: stack.testRedis.redis,
    logger: false,
    startScheduler: false,
  });
  const row = tally.row('credential guessing (default limits)');
  try {
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const scenarios = [
      ['API keys from one address', '/v1/timers', '203.0.113.10', () => bearer(randomGuess())],
      [
        'operator tokens from one address',
        '/admin/users/victor',
        '203.0.113.11',
        () => bearer(randomGuess('op_')),
      ],
      [
        'API keys from one address, rotating X-Forwarded-For',
        '/v1/timers',
        '203.0.113.12',
        (attempt: number) => ({ ...bearer(randomGuess()), 'x-forwarded-for': `198.51.100.${attempt}` }),
      ],
    ] as const;
    for (const [label, url, address, guess] of scenarios) {
      const outcome = await guessCredentials(guard, { url, max: 60, remoteAddress: address, guess });
      record(row, label, outcome);
    }
    const oneKey = randomGuess();
    const spread = await guessCredentials(guard, {
      url: '/v1/timers',
      max: 60,
      remoteAddress: (attempt) => `198.18.0.${attempt + 1}`,
      guess: () => bearer(oneKey),
    });
    record(row, 'one API key from 60 addresses', spread);
    const locked = await guard.inject({
      method: 'GET',
      url: '/v1/timers',
      headers: { authorization: attacker },
      remoteAddress: '203.0.113.10',
    });
    row.requests++;
    tally.notes.push(`The attacker's own valid key, from the address that guessed: ${locked.statusCode}.`);
  } finally {
    await guard.close();
  }
}

function record(row: TallyRow, label: string, outcome: Awaited<ReturnType<typeof guessCredentials>>) {
  row.requests += outcome.sent;
  row.breaches += outcome.accepted;
  for (const [status, count] of outcome.statuses) if (status >= 500) row.serverErrors += count;
  const statuses = [...outcome.statuses].map(([status, count]) => `${count}×${status}`).join(', ');
  tally.notes.push(
    `Credential guessing, ${label}: ` +
      (outcome.answeredBeforeThrottle === null
        ? `no 429 in ${outcome.sent} guesses (${statuses}).`
        : `${outcome.answeredBeforeThrottle} wrong guesses answered, then 429 (${statuses}).`),
  );
}

/** Victor's data as he left it, his key still working, every service serving, no prototype polluted. */
async function afterTheRun(): Promise<void> {
  const row = tally.row("after the run: Victor's data, services, prototypes");
  const after = await victimState();
  row.requests += 10;
  const before = new Map(JSON.parse(victim.before) as [string, string][]);
  for (const [url, body] of JSON.parse(after) as [string, string][]) {
    if (before.get(url) === body) continue;
    row.breaches++;
    note(
      row,
      `Victor's ${url} changed: before ${before.get(url)?.slice(0, 300)}, after ${body.slice(0, 300)}`,
    );
  }
  if ((await asVictim('GET', '/v1/timers')).statusCode !== 200) {
    row.breaches++;
    note(row, "Victor's key no longer works");
  }
  for (const app of [stack.router, stack.entitlements, stack.conversation]) {
    for (const url of ['/healthz', '/readyz']) {
      row.requests++;
      const status = (await app.inject({ method: 'GET', url })).statusCode;
      if (status !== 200) {
        row.serverErrors++;
        note(row, `${url} answered ${status}`);
      }
    }
  }
  if (prototypeSnapshot() !== prototypesBefore || ({} as Record<string, unknown>).polluted !== undefined) {
    row.breaches++;
    note(row, 'a prototype was polluted');
  }
}
