// /metrics gives a service's internals away (routes, rates, heap, Stripe event outcomes): in production
// it is never open on the service port. It is served behind METRICS_TOKEN, or on METRICS_PORT only;
// with neither it is not served at all. Outside production it stays open for convenience.
import { loadConfig } from '@hark/core';
import { connectTestRedis, type TestRedis, testRedisEnv } from '@hark/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConversationService } from '../../services/conversation/src/app.js';
import { buildEntitlements } from '../../services/entitlements/src/app.js';
import { buildRouter } from '../../services/router/src/app.js';
import { stackSecrets } from './support/hostile-stack.js';

const METRICS_TOKEN = 'metrics-5ecret-scrape-token';
/** Production refuses short operator secrets. */
const secrets = {
  ADMIN_TOKEN: `${stackSecrets.ADMIN_TOKEN}-long-enough-for-production`,
  INTERNAL_TOKEN: `${stackSecrets.INTERNAL_TOKEN}-long-enough-for-production`,
};
let testRedis: TestRedis;
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  testRedis = await connectTestRedis('metrics-exposure');
});
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await testRedis?.cleanup();
});

const builders = {
  router: (config: ReturnType<typeof loadConfig>) =>
    buildRouter({ config, redis: testRedis.redis, logger: false, startScheduler: false }),
  entitlements: (config: ReturnType<typeof loadConfig>) =>
    buildEntitlements({ config, redis: testRedis.redis, logger: false }),
  conversation: (config: ReturnType<typeof loadConfig>) =>
    buildConversationService({ config, redis: testRedis.redis, logger: false }),
};
type Service = keyof typeof builders;

async function start(service: Service, env: Record<string, string>): Promise<FastifyInstance> {
  const config = loadConfig({
    ...testRedisEnv(),
    REDIS_PREFIX: testRedis.prefix,
    ...secrets,
    ...env,
  });
  const app = await builders[service](config);
  apps.push(app);
  await app.ready();
  return app;
}

const scrape = (app: FastifyInstance, authorization?: string) =>
  app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });

const services = Object.keys(builders) as Service[];

describe.each(services)('the %s service in production', (service) => {
  it('does not serve /metrics on its port without METRICS_TOKEN or METRICS_PORT', async () => {
    const app = await start(service, { NODE_ENV: 'production' });
    for (const authorization of [undefined, `Bearer ${secrets.ADMIN_TOKEN}`, `Bearer ${METRICS_TOKEN}`]) {
      const response = await scrape(app, authorization);
      expect(response.statusCode, authorization ?? 'no credentials').toBe(404);
      expect(response.body).not.toContain('hark_');
    }
  });

  it('serves /metrics behind METRICS_TOKEN: refused without it or with a near miss, 200 with it', async () => {
    const app = await start(service, { NODE_ENV: 'production', METRICS_TOKEN });
    for (const authorization of [
      undefined,
      `Bearer ${METRICS_TOKEN}x`,
      `Bearer ${METRICS_TOKEN.slice(0, -1)}`,
      METRICS_TOKEN,
      `Basic ${Buffer.from(`prometheus:${METRICS_TOKEN}`).toString('base64')}`,
      `Bearer ${secrets.ADMIN_TOKEN}`,
    ]) {
      const response = await scrape(app, authorization);
      expect(response.statusCode, authorization ?? 'no credentials').toBe(401);
      expect(response.json().error.code).toBe('HARK_ERR_UNAUTHORIZED');
      expect(response.body).not.toContain('hark_');
    }
    const scraped = await scrape(app, `Bearer ${METRICS_TOKEN}`);
    expect(scraped.statusCode).toBe(200);
    expect(scraped.headers['content-type']).toMatch(/^text\/plain/);
    expect(scraped.body).toContain('hark_http_request_duration_seconds');
  });
});

describe('METRICS_PORT', () => {
  it('moves /metrics to a listener of its own, which serves nothing else and wants the token', async () => {
    const app = await start('router', { NODE_ENV: 'production', METRICS_PORT: '0', METRICS_TOKEN });
    expect((await scrape(app, `Bearer ${METRICS_TOKEN}`)).statusCode, 'gone from the service port').toBe(404);
    const address = app.metrics.listenerAddress();
    expect(address?.port).toBeGreaterThan(0);
    const base = `http://127.0.0.1:${address!.port}`;
    const withToken = { headers: { authorization: `Bearer ${METRICS_TOKEN}` } };

    const scraped = await fetch(`${base}/metrics`, withToken);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('hark_http_request_duration_seconds');
    const refused = await fetch(`${base}/metrics`);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('HARK_ERR_UNAUTHORIZED');
    for (const path of ['/healthz', '/v1/timers', '/admin/plans', '/metrics/../healthz']) {
      const other = await fetch(`${base}${path}`, withToken);
      expect(other.status, path).toBe(404);
      expect(other.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves it without a token when none is configured (the port is kept off the public network)', async () => {
    const app = await start('entitlements', { NODE_ENV: 'production', METRICS_PORT: '0' });
    const response = await fetch(`http://127.0.0.1:${app.metrics.listenerAddress()!.port}/metrics`);
    expect(response.status).toBe(200);
    expect((await scrape(app)).statusCode).toBe(404);
  });
});

describe('outside production', () => {
  it('/metrics stays open on the service port, for convenience (curl :3000/metrics)', async () => {
    const app = await start('router', { NODE_ENV: 'development', SEED_DEMO: 'false' });
    const response = await scrape(app);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('hark_');
  });

  it('a METRICS_TOKEN set there is required there too', async () => {
    const app = await start('conversation', { NODE_ENV: 'test', METRICS_TOKEN });
    expect((await scrape(app)).statusCode).toBe(401);
    expect((await scrape(app, `Bearer ${METRICS_TOKEN}`)).statusCode).toBe(200);
  });
});
