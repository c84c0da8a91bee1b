import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestRouter, type TestRouter } from '../testing/test-router.js';
import { webPublicFolder, webRoutes } from './web-routes.js';

let router: TestRouter;
beforeAll(async () => {
  router = await startTestRouter();
});
afterAll(() => router.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  router.app.inject({ method: 'GET', url, headers });

describe('the web client on the router', () => {
  it('serves packages/web/public/index.html at / without credentials', async () => {
    const response = await get('/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    const onDisk = await readFile(path.join(webPublicFolder(), 'index.html'), 'utf8');
    expect(response.body).toBe(onDisk);
    const icon = await get('/favicon.ico');
    expect(icon.statusCode).toBe(301);
    expect((await get(icon.headers.location as string)).headers['content-type']).toBe('image/svg+xml');
  });

  it('leaves the API routes alone: /v1 still needs a key, /healthz and /openapi.json still answer', async () => {
    expect((await get('/v1/timers')).statusCode).toBe(401);
    const key = await router.userWithKey('wendy');
    expect((await get('/v1/timers', bearer(key))).json()).toEqual({ timers: [] });
    expect((await get('/healthz')).statusCode).toBe(200);
    expect((await get('/admin/users/nobody')).statusCode).toBe(401);
  });

  it('keeps static files out of the OpenAPI document', async () => {
    const paths = Object.keys((await get('/openapi.json')).json().paths);
    expect(paths).toContain('/v1/converse');
    expect(
      paths.filter((route) => route === '/' || route.includes('*') || route.startsWith('/console')),
    ).toEqual([]);
  });

  it('answers an unknown path with the JSON 404, and never a file outside the folder', async () => {
    const missing = await get('/no-such-page.html');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('HARK_ERR_ROUTE_NOT_FOUND');
    const unknownApi = await get('/v1/no-such-route');
    expect(unknownApi.json().error.code).toBe('HARK_ERR_ROUTE_NOT_FOUND');
    for (const url of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json']) {
      const response = await get(url);
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.body, url).not.toContain('"@hark/web"');
    }
  });
});

describe('the console folder', () => {
  let root: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'hark-web-'));
    await mkdir(path.join(root, 'console'));
    await writeFile(path.join(root, 'index.html'), '<p>client</p>');
    await writeFile(path.join(root, 'console', 'index.html'), '<p>console</p>');
    app = Fastify();
    await app.register(webRoutes, { root });
  });
  afterAll(async () => {
    await app.close();
    await rm(root, { recursive: true, force: true });
  });

  it('is served at /console/, and /console redirects there so relative links resolve', async () => {
    const page = await app.inject({ method: 'GET', url: '/console/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toBe('<p>console</p>');
    const bare = await app.inject({ method: 'GET', url: '/console' });
    expect(bare.statusCode).toBe(301);
    expect(bare.headers.location).toBe('/console/');
    expect((await app.inject({ method: 'GET', url: '/' })).body).toBe('<p>client</p>');
  });

  it('is read once at start-up: an unknown path never sends the router to the disk', async () => {
    expect(app.hasRoute({ method: 'GET', url: '/*' })).toBe(false);
    expect(app.hasRoute({ method: 'GET', url: '/console/index.html' })).toBe(true);
    // A file that appears later is not looked for: only a new release (a restart) serves it.
    await writeFile(path.join(root, 'late.html'), '<p>late</p>');
    expect((await app.inject({ method: 'GET', url: '/late.html' })).statusCode).toBe(404);
  });
});
