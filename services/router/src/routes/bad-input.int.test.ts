import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, bearer, startTestRouter, type TestRouter } from '../testing/test-router.js';

let router: TestRouter;
let key: string;

beforeAll(async () => {
  router = await startTestRouter();
  key = await router.userWithKey('ada');
});
afterAll(() => router.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  router.app.inject({
    method: 'POST',
    url,
    headers: { ...bearer(key), 'content-type': 'application/json', ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

function expectError(response: { statusCode: number; json(): unknown }, status: number, code: string) {
  expect(response.statusCode).toBe(status);
  const body = response.json() as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(Object.keys(body)).toEqual(['error']);
}

describe.each(['/v1/converse', '/v1/nlu/parse'])('bad input to %s', (url) => {
  it.each([
    ['missing text', {}],
    ['empty text', { text: '' }],
    ['whitespace-only text', { text: '   \n\t ' }],
    ['over-1000-character text', { text: 'a'.repeat(1001) }],
    ['text of the wrong type', { text: 42 }],
    ['text as an array', { text: ['what', 'time'] }],
    ['a body that is not an object', ['what time is it']],
    ['locale of the wrong type', { text: 'what time is it', locale: 7 }],
  ])('%s -> 400 HARK_ERR_VALIDATION naming the field', async (_label, payload) => {
    const response = await post(url, payload);
    expectError(response, 400, 'HARK_ERR_VALIDATION');
    expect((response.json() as { error: { details: unknown[] } }).error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: expect.stringMatching(/^body/) })]),
    );
  });

  it('accepts exactly 1000 characters and ignores unknown fields', async () => {
    const response = await post(url, {
      text: `what time is it ${'x'.repeat(984)}`,
      mood: 'happy',
      __proto__: { admin: true },
    });
    expect(response.statusCode).toBe(200);
  });

  it('body over 16 KiB -> 413 HARK_ERR_BODY_TOO_LARGE', async () => {
    expectError(
      await post(url, { text: 'hi', padding: 'x'.repeat(17 * 1024) }),
      413,
      'HARK_ERR_BODY_TOO_LARGE',
    );
  });

  it('non-JSON content types -> 415 HARK_ERR_UNSUPPORTED_MEDIA_TYPE', async () => {
    expectError(
      await post(url, 'what time is it', { 'content-type': 'text/plain' }),
      415,
      'HARK_ERR_UNSUPPORTED_MEDIA_TYPE',
    );
    expectError(
      await post(url, 'text=hi', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      'HARK_ERR_UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('malformed or empty JSON -> 400 HARK_ERR_INVALID_JSON', async () => {
    expectError(await post(url, '{"text": "what time'), 400, 'HARK_ERR_INVALID_JSON');
    expectError(await post(url, ''), 400, 'HARK_ERR_INVALID_JSON');
  });

  it('invalid and unsupported locales -> 400', async () => {
    expectError(
      await post(url, { text: 'what time is it', locale: 'not a locale!' }),
      400,
      'HARK_ERR_INVALID_LOCALE',
    );
    expectError(
      await post(url, { text: 'what time is it', locale: 'de-DE' }),
      400,
      'HARK_ERR_UNSUPPORTED_LOCALE',
    );
  });

  it('missing or wrong API key -> 401 HARK_ERR_UNAUTHORIZED', async () => {
    const noKey = await router.app.inject({ method: 'POST', url, payload: { text: 'hi' } });
    expectError(noKey, 401, 'HARK_ERR_UNAUTHORIZED');
    expectError(await post(url, { text: 'hi' }, bearer('hark_wrong')), 401, 'HARK_ERR_UNAUTHORIZED');
    expectError(
      await post(url, { text: 'hi' }, { authorization: `Basic ${key}` }),
      401,
      'HARK_ERR_UNAUTHORIZED',
    );
  });
});

describe('bad input specific to /v1/converse', () => {
  it('invalid time zone -> 400 HARK_ERR_INVALID_TIMEZONE', async () => {
    const response = await post('/v1/converse', { text: 'what time is it', timezone: 'Mars/Olympus_Mons' });
    expectError(response, 400, 'HARK_ERR_INVALID_TIMEZONE');
    expect(response.json().error.message).toContain('Mars/Olympus_Mons');
  });

  it('a session id that is not a UUID -> 400', async () => {
    expectError(
      await post('/v1/converse', { text: 'what time is it', sessionId: '../../etc' }),
      400,
      'HARK_ERR_VALIDATION',
    );
  });
});

describe('routing and operator credentials', () => {
  it('unknown routes -> 404 JSON', async () => {
    const response = await router.app.inject({ url: '/v1/nope?x=1', headers: bearer(key) });
    expectError(response, 404, 'HARK_ERR_ROUTE_NOT_FOUND');
    expect(response.headers['content-type']).toContain('application/json');
  });

  it('wrong method on a known path -> 404 JSON', async () => {
    expectError(
      await router.app.inject({ method: 'GET', url: '/v1/converse', headers: bearer(key) }),
      404,
      'HARK_ERR_ROUTE_NOT_FOUND',
    );
  });

  it('operator routes: no token -> 401, wrong token or a user key -> 403', async () => {
    const url = '/admin/users/ada';
    expectError(await router.app.inject({ url }), 401, 'HARK_ERR_UNAUTHORIZED');
    expectError(await router.app.inject({ url, headers: bearer('wrong-token') }), 403, 'HARK_ERR_FORBIDDEN');
    expectError(await router.app.inject({ url, headers: bearer(key) }), 403, 'HARK_ERR_FORBIDDEN');
    expect((await router.app.inject({ url, headers: bearer(ADMIN_TOKEN) })).statusCode).toBe(200);
  });

  it('the operator token is not a user key', async () => {
    expectError(
      await post('/v1/converse', { text: 'hi' }, bearer(ADMIN_TOKEN)),
      401,
      'HARK_ERR_UNAUTHORIZED',
    );
  });
});
