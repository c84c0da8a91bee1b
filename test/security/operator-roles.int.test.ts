// One operator secret used to do everything, and the audit log believed the caller's x-operator
// header. Now operators hold named tokens (hashed at rest, shown once, revocable) with a role each
// route checks, and the audit log names the operator of the token.
import { loadConfig } from '@hark/core';
import { connectTestRedis, type TestRedis, testRedisEnv } from '@hark/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEntitlements } from '../../services/entitlements/src/app.js';
import { buildRouter } from '../../services/router/src/app.js';

const ADMIN_TOKEN = 'roles-test-bootstrap-operator-token';
let testRedis: TestRedis;
let router: FastifyInstance;
let entitlements: FastifyInstance;
const tokens: Record<string, string> = {};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const call = (
  app: FastifyInstance,
  method: Method,
  url: string,
  token: string,
  payload?: object,
  headers: Record<string, string> = {},
) =>
  app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, ...headers },
    ...(payload ? { payload } : {}),
  });

beforeAll(async () => {
  testRedis = await connectTestRedis('operator-roles');
  const config = loadConfig({
    ...testRedisEnv(),
    REDIS_PREFIX: testRedis.prefix,
    ADMIN_TOKEN,
    NODE_ENV: 'test',
    SEED_DEMO: 'false',
    API_KEYS_PER_USER_MAX: '2',
  });
  router = await buildRouter({ config, redis: testRedis.redis, logger: false, conversation: null });
  entitlements = await buildEntitlements({
    config,
    redis: testRedis.redis,
    logger: false,
    startWorker: false,
  });
  await Promise.all([router.ready(), entitlements.ready()]);
  for (const role of ['viewer', 'support', 'billing', 'owner']) {
    const created = await call(router, 'POST', '/admin/operators', ADMIN_TOKEN, { name: `${role}-op`, role });
    expect(created.statusCode).toBe(201);
    tokens[role] = created.json().token;
  }
});

afterAll(async () => {
  await router?.close();
  await entitlements?.close();
  await testRedis?.cleanup();
});

describe('named operator tokens', () => {
  it('are shown once and stored only hashed', async () => {
    expect(tokens.support).toMatch(/^hark_op_[A-Za-z0-9_-]{43}$/);
    const listed = await call(router, 'GET', '/admin/operators', ADMIN_TOKEN);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().operators.map((op: { name: string }) => op.name)).toEqual([
      'viewer-op',
      'support-op',
      'billing-op',
      'owner-op',
    ]);
    expect(listed.body).not.toContain(tokens.support);
    const stored = await testRedis.redis.keys(`${testRedis.prefix}*`);
    for (const key of stored) {
      const type = await testRedis.redis.type(key);
      const text = type === 'hash' ? JSON.stringify(await testRedis.redis.hgetall(key)) : key;
      expect(text).not.toContain(tokens.support);
    }
    const me = await call(router, 'GET', '/admin/operators/me', tokens.viewer!);
    expect(me.json().operator).toMatchObject({ name: 'viewer-op', role: 'viewer' });
  });

  it.each([
    // [role, app, method, url, body, allowed]
    ['viewer', 'entitlements', 'GET', '/admin/audit', undefined, true],
    ['viewer', 'entitlements', 'GET', '/admin/insights', undefined, true],
    ['viewer', 'router', 'POST', '/admin/users', { id: 'by-viewer' }, false],
    ['viewer', 'entitlements', 'PATCH', '/admin/plans/premium', { name: 'Premium' }, false],
    ['support', 'router', 'POST', '/admin/users', { id: 'by-support' }, true],
    ['support', 'entitlements', 'PUT', '/admin/kill-switches/voice.tts', { enabled: true }, false],
    ['support', 'router', 'GET', '/admin/operators', undefined, false],
    ['billing', 'entitlements', 'PATCH', '/admin/plans/premium', { name: 'Premium' }, true],
    ['billing', 'router', 'POST', '/admin/users', { id: 'by-billing' }, false],
    ['billing', 'router', 'POST', '/admin/operators', { name: 'x', role: 'owner' }, false],
    ['owner', 'router', 'GET', '/admin/operators', undefined, true],
  ] as const)('%s on the %s: %s %s', async (role, appName, method, url, body, allowed) => {
    const app = appName === 'router' ? router : entitlements;
    const response = await call(app, method, url, tokens[role]!, body);
    if (allowed) expect(response.statusCode, response.body).toBeLessThan(300);
    else {
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('HARK_ERR_INSUFFICIENT_ROLE');
    }
  });

  it('is refused at once, on every service, once revoked', async () => {
    const created = await call(router, 'POST', '/admin/operators', tokens.owner!, {
      name: 'temp',
      role: 'viewer',
    });
    const { token, operator } = created.json();
    expect((await call(entitlements, 'GET', '/admin/audit', token)).statusCode).toBe(200);
    expect((await call(router, 'DELETE', `/admin/operators/${operator.id}`, tokens.owner!)).statusCode).toBe(
      204,
    );
    expect((await call(entitlements, 'GET', '/admin/audit', token)).statusCode).toBe(403);
    expect((await call(router, 'GET', '/admin/users', token)).statusCode).toBe(403);
  });
});

describe('the audit log', () => {
  const newest = async () =>
    (await call(entitlements, 'GET', '/admin/audit?limit=1', ADMIN_TOKEN)).json().entries[0];

  it('names the operator of the token; x-operator is only a note', async () => {
    const forged = { 'x-operator': 'owner-op', 'x-request-id': 'proof-of-nothing' };
    expect(
      (await call(router, 'POST', '/admin/users', tokens.support!, { id: 'grace' }, forged)).statusCode,
    ).toBe(201);
    const entry = await newest();
    expect(entry).toMatchObject({ action: 'user.create', target: 'user:grace', note: 'owner-op' });
    expect(entry.actor).toMatchObject({ kind: 'operator', name: 'support-op', role: 'support' });
    expect(entry.actor.id).toMatch(/^op_/);

    const grant = await call(
      entitlements,
      'PUT',
      '/admin/users/grace/grant',
      tokens.support!,
      { plan: 'premium', reason: 'support case' },
      { 'x-operator': 'billing-op' },
    );
    expect(grant.statusCode, grant.body).toBe(200);
    expect(await newest()).toMatchObject({
      action: 'grant.put',
      actor: { name: 'support-op', role: 'support' },
      note: 'billing-op',
    });
  });

  it('records API keys issued and revoked on the router, and the bootstrap operator as such', async () => {
    const issued = await call(router, 'POST', '/admin/users/grace/keys', tokens.support!);
    expect(issued.statusCode).toBe(201);
    const keyId = issued.json().apiKey.id;
    expect(await newest()).toMatchObject({
      action: 'apikey.issue',
      target: 'user:grace',
      after: { id: keyId },
    });
    expect((await call(router, 'DELETE', `/admin/keys/${keyId}`, ADMIN_TOKEN)).statusCode).toBe(204);
    const revoked = await newest();
    expect(revoked).toMatchObject({ action: 'apikey.revoke', before: { id: keyId }, after: null });
    expect(revoked.actor).toMatchObject({ id: 'bootstrap', name: 'bootstrap', role: 'owner' });
    expect(JSON.stringify(revoked)).not.toContain(issued.json().key);
  });
});

describe('API keys per user', () => {
  it('are capped: one more than API_KEYS_PER_USER_MAX is 409 HARK_ERR_TOO_MANY_KEYS', async () => {
    await call(router, 'POST', '/admin/users', ADMIN_TOKEN, { id: 'many-keys' });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await call(router, 'POST', '/admin/users/many-keys/keys', ADMIN_TOKEN)).statusCode);
    expect(statuses).toEqual([201, 201, 409]);
    const refused = await call(router, 'POST', '/admin/users/many-keys/keys', ADMIN_TOKEN);
    expect(refused.json().error.code).toBe('HARK_ERR_TOO_MANY_KEYS');
  });

  it('stay capped when many keys are issued at once', async () => {
    await call(router, 'POST', '/admin/users', ADMIN_TOKEN, { id: 'racing-keys' });
    const issues = Array.from({ length: 12 }, () =>
      call(router, 'POST', '/admin/users/racing-keys/keys', ADMIN_TOKEN),
    );
    const statuses = (await Promise.all(issues)).map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 201).length).toBeLessThanOrEqual(2);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    expect(await router.users.listApiKeys('racing-keys')).toHaveLength(
      statuses.filter((status) => status === 201).length,
    );
  });
});
