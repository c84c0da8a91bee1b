import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  type ConversationTurnRequest,
  emptyProfile,
  FEATURES,
  INTERNAL_TOKEN_HEADER,
  LIMITS,
  PREMIUM_GRANT_HEADER,
  PREMIUM_GRANT_PURPOSE,
  PREMIUM_GRANT_TTL_MS,
  type PremiumGrantClaims,
} from '@hark/contracts';
import { type Clock, fixedClock, type KeySpace, keySpace, loadConfig, signToken } from '@hark/core';
import { interactionKeys } from '@hark/interactions';
import { schedulingKeys } from '@hark/scheduling';
import { skillKeys } from '@hark/skills';
import {
  connectTestRedis,
  type OpenAiStandIn,
  startOpenAiStandIn,
  type TestRedis,
  testRedisEnv,
} from '@hark/testing';
import type { FastifyInstance } from 'fastify';
import { buildConversationService } from '../app.js';
import { conversationKeys } from '../conversation-keys.js';

export const TEST_INTERNAL_TOKEN = 'test-internal-token';
/** A Thursday morning in Paris; tests that need time to pass advance this clock. */
export const TEST_NOW = '2026-11-26T09:30:00.000Z';

export interface TestConversation {
  app: FastifyInstance;
  /** Base URL of the listening service, for real HTTP (SSE, hang-ups). */
  url: string;
  standIn: OpenAiStandIn;
  testRedis: TestRedis;
  /** Every key the service reads or writes, whoever declares it. */
  keys: ReturnType<typeof serviceKeysOf>;
  clock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
}

const serviceKeysOf = (space: KeySpace) => ({
  ...conversationKeys(space),
  ...interactionKeys(space),
  ...schedulingKeys(space),
  ...skillKeys(space),
});

/**
 * The conversation service on the test Redis (own key prefix) and a fresh OpenAI stand-in, with a
 * fixed clock and the SDK's retries off so each scripted answer is used exactly once.
 */
export async function startTestConversation(
  env: Record<string, string> = {},
  options: { clock?: Clock } = {},
): Promise<TestConversation> {
  const standIn = await startOpenAiStandIn();
  const testRedis = await connectTestRedis('conversation');
  const clock = fixedClock(TEST_NOW);
  const config = loadConfig({
    ...testRedisEnv(),
    REDIS_PREFIX: testRedis.prefix,
    NODE_ENV: 'test',
    INTERNAL_TOKEN: TEST_INTERNAL_TOKEN,
    LLM_BASE_URL: standIn.url,
    LLM_API_KEY: 'sk-stand-in',
    LLM_MODEL: 'gpt-4o-mini',
    LLM_MAX_RETRIES: '0',
    LLM_FIRST_TOKEN_TIMEOUT_MS: '2000',
    ...env,
  });
  const app = await buildConversationService({
    config,
    redis: testRedis.redis,
    logger: false,
    clock: options.clock ?? clock,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    standIn,
    testRedis,
    keys: serviceKeysOf(keySpace(testRedis.prefix)),
    clock,
    async close() {
      // A fetch whose stream the test aborted can leave a spare keep-alive socket that Fastify's
      // idle sweep does not count as idle; it would hold close() for undici's 4 s keep-alive.
      const closing = app.close();
      app.server.closeAllConnections();
      await closing;
      await standIn.close();
      await testRedis.cleanup();
    },
  };
}

export function turnBody(overrides: Partial<ConversationTurnRequest> = {}): ConversationTurnRequest {
  return {
    userId: 'ada',
    sessionId: 'session-1',
    text: 'Tell me something nice.',
    timeZone: 'Europe/Paris',
    locale: 'en-GB',
    deviceId: 'kitchen',
    profile: { ...emptyProfile, timezone: 'Europe/Paris' },
    plan: { id: 'premium', features: { [FEATURES.conversation]: true } },
    ...overrides,
  };
}

/** The internal token only: a Hark service calling, with no premium grant. */
export const internalHeaders = (extra: Record<string, string> = {}) => ({
  [INTERNAL_TOKEN_HEADER]: TEST_INTERNAL_TOKEN,
  'content-type': 'application/json',
  ...extra,
});

/** A premium grant header as the router signs it (services/router/src/conversation/premium-grant.ts). */
export function grantHeader(
  claims: Omit<PremiumGrantClaims, 'id'>,
  options: { secret?: string; expiresAtMs?: number; id?: string } = {},
): Record<string, string> {
  const grant = { id: options.id ?? randomUUID(), ...claims };
  const expiresAtMs = options.expiresAtMs ?? Date.now() + PREMIUM_GRANT_TTL_MS;
  const token = signToken(options.secret ?? TEST_INTERNAL_TOKEN, PREMIUM_GRANT_PURPOSE, grant, expiresAtMs);
  return { [PREMIUM_GRANT_HEADER]: token };
}

/** The grant the router gives `body`'s turn: its user, session and plan, one daily turn taken. */
export const turnGrantClaims = (body: Partial<ConversationTurnRequest>): Omit<PremiumGrantClaims, 'id'> => ({
  use: 'turn',
  userId: body.userId ?? 'ada',
  sessionId: body.sessionId ?? 'session-1',
  plan: body.plan ?? { id: 'premium', features: { [FEATURES.conversation]: true } },
  access: 'plan',
  quota: LIMITS.conversationTurnsPerDay,
  period: TEST_NOW.slice(0, 10),
});

/** The internal token and a fresh premium grant for `body`'s turn. */
export const turnHeaders = (body: Partial<ConversationTurnRequest>, extra: Record<string, string> = {}) =>
  internalHeaders({ ...grantHeader(turnGrantClaims(body)), ...extra });

/** The internal token and a fresh premium grant for one transcription or speech call of `userId`. */
export const voiceHeaders = (
  use: 'transcription' | 'speech',
  extra: Record<string, string> = {},
  userId = 'ada',
) =>
  internalHeaders({
    ...grantHeader({ use, userId, sessionId: null, plan: null, access: 'plan', quota: null, period: null }),
    ...extra,
  });

/** Polls until `check` returns a value (metering lands just after the answer). */
export async function eventually<T>(
  check: () => Promise<T | undefined | null>,
  timeoutMs = 2_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`nothing within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
