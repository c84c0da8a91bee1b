import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, bearer, startTestRouter, type TestRouter } from '../testing/test-router.js';

let router: TestRouter;
beforeAll(async () => {
  router = await startTestRouter();
});
afterAll(() => router.close());

const admin = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: Record<string, unknown>) => {
  const request = { method, url, headers: bearer(ADMIN_TOKEN) };
  return router.app.inject(payload === undefined ? request : { ...request, payload });
};

describe('operator user and key routes', () => {
  it('creates a user, issues a key that works, shows only its hint, and revokes it', async () => {
    const created = await admin('POST', '/admin/users', {
      id: 'carol',
      name: 'Carol',
      timezone: 'Asia/Tokyo',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().user).toMatchObject({ id: 'carol', name: 'Carol', timezone: 'Asia/Tokyo' });

    const issued = await admin('POST', '/admin/users/carol/keys');
    expect(issued.statusCode).toBe(201);
    const { key, apiKey } = issued.json();
    expect(key).toMatch(/^hark_/);
    expect(apiKey).toMatchObject({ userId: 'carol', hint: key.slice(-4) });

    const turn = await router.app.inject({
      method: 'POST',
      url: '/v1/converse',
      headers: bearer(key),
      payload: { text: 'what time is it' },
    });
    expect(turn.statusCode).toBe(200);
    expect(turn.json().data.timeZone).toBe('Asia/Tokyo');

    const detail = await admin('GET', '/admin/users/carol');
    expect(detail.statusCode).toBe(200);
    expect(detail.json().apiKeys).toEqual([apiKey]);
    expect(detail.body).not.toContain(key);

    expect((await admin('DELETE', `/admin/keys/${apiKey.id}`)).statusCode).toBe(204);
    const after = await router.app.inject({
      method: 'POST',
      url: '/v1/converse',
      headers: bearer(key),
      payload: { text: 'hi' },
    });
    expect(after.statusCode).toBe(401);
    expect((await admin('DELETE', `/admin/keys/${apiKey.id}`)).json().error.code).toBe('HARK_ERR_NOT_FOUND');
  });

  it('generates ids when none is given', async () => {
    const created = await admin('POST', '/admin/users', {});
    expect(created.json().user.id).toMatch(/^usr_/);
  });

  it('lists users newest first, a page at a time, and finds them by the start of their id or name', async () => {
    // Its own router: a Redis prefix with no other test's users.
    const own = await startTestRouter();
    try {
      const list = async (query: string) => {
        const response = await own.app.inject({ url: `/admin/users${query}`, headers: bearer(ADMIN_TOKEN) });
        return { status: response.statusCode, body: response.json() };
      };
      for (const [id, name] of [
        ['zed', 'Zed'],
        ['ann', 'Annabel Lee'],
        ['bo', 'Anna Bo'],
      ]) {
        await own.app.users.createUser({ id: id!, name: name! });
        await new Promise((resolve) => setTimeout(resolve, 2)); // distinct creation times
      }
      const first = await list('?limit=2');
      expect(first.status).toBe(200);
      expect(first.body.users.map((user: { id: string }) => user.id)).toEqual(['bo', 'ann']);
      expect(first.body.users[0]).toEqual({
        id: 'bo',
        name: 'Anna Bo',
        timezone: null,
        createdAt: expect.any(String),
      });
      const second = await list(`?limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body).toEqual({ users: [expect.objectContaining({ id: 'zed' })], nextCursor: null });

      const found = await list('?query=ANN');
      expect(found.body.users.map((user: { id: string }) => user.id)).toEqual(['ann', 'bo']);
      expect((await list('?query=z&limit=20')).body.users.map((user: { id: string }) => user.id)).toEqual([
        'zed',
      ]);

      for (const bad of ['?limit=0', '?limit=101', '?limit=ten', '?cursor=not-a-cursor'])
        expect(await list(bad), bad).toMatchObject({
          status: 400,
          body: { error: { code: 'HARK_ERR_VALIDATION' } },
        });
      const anonymous = await own.app.inject({ url: '/admin/users' });
      expect(anonymous.statusCode).toBe(401);
    } finally {
      await own.close();
    }
  });

  it('refuses duplicate ids, bad ids, bad zones and unknown users', async () => {
    await admin('POST', '/admin/users', { id: 'dave' });
    expect((await admin('POST', '/admin/users', { id: 'dave' })).json().error.code).toBe('HARK_ERR_CONFLICT');
    expect((await admin('POST', '/admin/users', { id: 'dave' })).statusCode).toBe(409);
    expect((await admin('POST', '/admin/users', { id: '{evil}' })).json().error.code).toBe(
      'HARK_ERR_VALIDATION',
    );
    expect(
      (await admin('POST', '/admin/users', { id: 'erin', timezone: 'Nowhere/Land' })).json().error.code,
    ).toBe('HARK_ERR_INVALID_TIMEZONE');
    expect((await admin('GET', '/admin/users/nobody')).statusCode).toBe(404);
    expect((await admin('POST', '/admin/users/nobody/keys')).statusCode).toBe(404);
  });
});
