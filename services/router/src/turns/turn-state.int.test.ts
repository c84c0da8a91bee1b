import { fixedClock, keySpace, systemClock } from '@hark/core';
import { ProfileStore } from '@hark/profiles';
import { UserStore, userKeys } from '@hark/users';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bearer, startTestRouter, type TestRouter } from '../testing/test-router.js';

// Users cached as in production (the other router tests cache nothing): a turn must still read the
// current profile of the key's current owner.
const clock = fixedClock('2026-11-26T13:05:00Z');
let router: TestRouter;
/** Another router instance's view of the same users: what it changes, this one has not seen. */
let elsewhere: UserStore;

beforeAll(async () => {
  router = await startTestRouter({ AUTH_CACHE_TTL_MS: '60000' }, { clock });
  elsewhere = new UserStore(
    router.testRedis.redis,
    userKeys(keySpace(router.testRedis.prefix)),
    systemClock,
    0,
  );
});
afterAll(() => router.close());

const whatTime = (key: string, on: TestRouter = router) =>
  on.app.inject({
    method: 'POST',
    url: '/v1/converse',
    headers: bearer(key),
    payload: { text: 'what time is it' },
  });

describe('turn state and the key lookup', () => {
  it('reads the profile once per turn, and always the current one', async () => {
    const key = await router.userWithKey('tokyo-ada', 'Asia/Tokyo');
    expect((await whatTime(key)).json().data.timeZone).toBe('Asia/Tokyo');
    const profileReads = vi.spyOn(ProfileStore.prototype, 'get');
    try {
      expect((await whatTime(key)).json().data.timeZone).toBe('Asia/Tokyo');
      expect(profileReads).toHaveBeenCalledTimes(1);
      const changed = await router.app.inject({
        method: 'PATCH',
        url: '/v1/profile',
        headers: bearer(key),
        payload: { timezone: 'Europe/Oslo' },
      });
      expect(changed.statusCode).toBe(200);
      expect((await whatTime(key)).json().data.timeZone).toBe('Europe/Oslo');
    } finally {
      profileReads.mockRestore();
    }
  });

  it("answers with the new owner's profile when another instance gave the key to someone else", async () => {
    const key = await router.userWithKey('paris-first', 'Europe/Paris');
    expect((await whatTime(key)).json().data.timeZone).toBe('Europe/Paris');
    await elsewhere.createUser({ id: 'lima-second', timezone: 'America/Lima' });
    await elsewhere.addApiKey('lima-second', key);
    for (const stale of [false, true]) {
      if (stale) clock.advance(60_001);
      const response = await whatTime(key);
      expect(response.statusCode).toBe(200);
      expect(response.json().data.timeZone, stale ? 'cached owner expired' : 'cached owner fresh').toBe(
        'America/Lima',
      );
    }
  });

  it('refuses a key revoked elsewhere although its owner was cached', async () => {
    const key = await router.userWithKey('revoked-rita', 'Europe/Rome');
    expect((await whatTime(key)).statusCode).toBe(200);
    const [record] = await elsewhere.listApiKeys('revoked-rita');
    expect(await elsewhere.revokeApiKey(record!.id)).toBe(true);
    const response = await whatTime(key);
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('HARK_ERR_UNAUTHORIZED');
  });

  it('reads no turn state for a request its budget refuses', async () => {
    const limited = await startTestRouter({ AUTH_CACHE_TTL_MS: '60000', RATE_LIMIT_MAX: '2' }, { clock });
    try {
      const key = await limited.userWithKey('busy-bea', 'Europe/Paris');
      for (let i = 0; i < 2; i++) expect((await whatTime(key, limited)).statusCode).toBe(200);
      const profileReads = vi.spyOn(ProfileStore.prototype, 'get');
      try {
        for (let i = 0; i < 4; i++) expect((await whatTime(key, limited)).statusCode).toBe(429);
        expect(profileReads).not.toHaveBeenCalled();
      } finally {
        profileReads.mockRestore();
      }
    } finally {
      await limited.close();
    }
  });
});
