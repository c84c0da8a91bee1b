// Guessing credentials must cost something: failed authentications are counted per client address
// and per credential in Redis (shared by every instance), answered 429 with Retry-After past the
// limit, and logged at warn with a fingerprint of the credential, never the credential.
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig, loggerOptions, sha256Hex } from '@hark/core';
import { connectTestRedis, type TestRedis, testRedisEnv } from '@hark/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEntitlements } from '../../services/entitlements/src/app.js';
import { buildRouter } from '../../services/router/src/app.js';

const ADMIN_TOKEN = 'throttle-test-operator-token';
const LIMIT = 5;
const WINDOW_MS = 1_500;
const lines: string[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    lines.push(String(chunk));
    done();
  },
});

let testRedis: TestRedis;
let router: FastifyInstance;
let entitlements: FastifyInstance;
let adaKey: string;

beforeAll(async () => {
  testRedis = await connectTestRedis('auth-throttle');
  const config = loadConfig({
    ...testRedisEnv(),
    REDIS_PREFIX: testRedis.prefix,
    ADMIN_TOKEN,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    AUTH_FAILURE_LIMIT: String(LIMIT),
    AUTH_FAILURE_WINDOW_MS: String(WINDOW_MS),
  });
  const logger = { ...loggerOptions(config), stream: sink };
  router = await buildRouter({ config, redis: testRedis.redis, logger, conversation: null });
  entitlements = await buildEntitlements({ config, redis: testRedis.redis, logger, startWorker: false });
  await Promise.all([router.ready(), entitlements.ready()]);
  await router.users.createUser({ id: 'ada' });
  adaKey = (await router.users.addApiKey('ada')).key;
});

afterAll(async () => {
  await router?.close();
  await entitlements?.close();
  await testRedis?.cleanup();
});

const timers = (app: FastifyInstance, key: string, remoteAddress: string) =>
  app.inject({ url: '/v1/timers', headers: { authorization: `Bearer ${key}` }, remoteAddress });
const plans = (app: FastifyInstance, token: string, remoteAddress: string) =>
  app.inject({ url: '/admin/plans', headers: { authorization: `Bearer ${token}` }, remoteAddress });

describe('failed authentication', () => {
  it('throttles an address guessing API keys, then refuses it even a correct key until the window ends', async () => {
    const address = '203.0.113.10';
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++)
      statuses.push((await timers(router, `hark_guess_${i}`, address)).statusCode);
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429]);

    const blocked = await timers(router, adaKey, address);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('HARK_ERR_AUTH_THROTTLED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(Math.ceil(WINDOW_MS / 1000));

    // Another address, and successes, are not affected; the window ends and the address is let in.
    expect((await timers(router, adaKey, '203.0.113.11')).statusCode).toBe(200);
    await sleep(WINDOW_MS + 100);
    expect((await timers(router, adaKey, address)).statusCode).toBe(200);
  });

  it('does not count successful authentications', async () => {
    for (let i = 0; i < LIMIT * 3; i++) {
      expect((await timers(router, adaKey, '203.0.113.12')).statusCode).toBe(200);
    }
  });

  it('throttles one credential tried from many addresses', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) {
      statuses.push((await timers(router, 'hark_one_leaked_key', `198.51.100.${i + 1}`)).statusCode);
    }
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429]);
  });

  it.each([
    ['the router', () => router],
    ['the entitlement service', () => entitlements],
  ])(
    'throttles operator-token guessing on %s, and the same address is refused the real token',
    async (_name, app) => {
      const address = _name === 'the router' ? '192.0.2.20' : '192.0.2.21';
      const statuses: number[] = [];
      for (let i = 0; i <= LIMIT; i++)
        statuses.push((await plans(app(), `wrong-token-${i}`, address)).statusCode);
      expect(statuses).toEqual([...Array(LIMIT).fill(403), 429]);
      const blocked = await plans(app(), ADMIN_TOKEN, address);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.headers['retry-after']).toBeDefined();
    },
  );

  it('shares the counts between instances through Redis', async () => {
    const address = '192.0.2.30';
    for (let i = 0; i < LIMIT; i++) await plans(router, `shared-guess-${i}`, address);
    expect((await plans(entitlements, ADMIN_TOKEN, address)).statusCode).toBe(429);
  });

  it('logs each failure at warn with the address and a fingerprint, never the credential', async () => {
    const guess = 'hark_logged_guess_do_not_print';
    await timers(router, guess, '203.0.113.40');
    const failures = lines
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.address === '203.0.113.40');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      level: 40,
      kind: 'api key',
      credential: sha256Hex(guess).slice(0, 12),
      msg: 'authentication failed: api key',
    });
    const all = lines.join('');
    expect(all).not.toContain(guess);
    expect(all).not.toContain('wrong-token-0');
  });
});
