import { fixedClock, keySpace, sha256Hex } from '@hark/core';
import { connectTestRedis, keysMatching, type TestRedis } from '@hark/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { userKeys } from './user-keys.js';
import { UserStore } from './user-store.js';

let testRedis: TestRedis;

/** Any key's content as text, whatever its type. */
async function dump(key: string): Promise<string> {
  const type = await testRedis.redis.type(key);
  if (type === 'hash') return JSON.stringify(await testRedis.redis.hgetall(key));
  if (type === 'set') return JSON.stringify(await testRedis.redis.smembers(key));
  if (type === 'zset') return JSON.stringify(await testRedis.redis.zrange(key, 0, -1));
  return String(await testRedis.redis.get(key));
}
let users: UserStore;

beforeEach(async () => {
  testRedis = await connectTestRedis('users');
  users = new UserStore(
    testRedis.redis,
    userKeys(keySpace(testRedis.prefix)),
    fixedClock('2026-11-26T12:00:00Z'),
    0,
  );
});
afterEach(() => testRedis.cleanup());

describe('UserStore', () => {
  it('creates a user once per id', async () => {
    expect(await users.createUser({ id: 'ada', name: 'Ada', timezone: 'Europe/London' })).toMatchObject({
      id: 'ada',
    });
    expect(await users.createUser({ id: 'ada' })).toBeNull();
    expect(await users.getUser('ada')).toEqual({
      id: 'ada',
      name: 'Ada',
      timezone: 'Europe/London',
      createdAt: '2026-11-26T12:00:00.000Z',
    });
  });

  it('stores keys only as hashes and authenticates with them', async () => {
    await users.createUser({ id: 'ada' });
    const { key, record } = await users.addApiKey('ada');
    const stored = await keysMatching(testRedis.redis, `${testRedis.prefix}*`);
    const values = await Promise.all(stored.map((k) => dump(k)));
    expect(values.join(' ')).not.toContain(key);
    expect(stored).toContain(`${testRedis.prefix}apikey:${sha256Hex(key)}`);
    expect(await users.authenticate(key)).toMatchObject({ user: { id: 'ada' }, keyId: record.id });
    expect(await users.authenticate(`${key}x`)).toBeNull();
  });

  it('revokes keys', async () => {
    await users.createUser({ id: 'ada' });
    const { key, record } = await users.addApiKey('ada');
    expect(await users.revokeApiKey(record.id)).toBe(true);
    expect(await users.authenticate(key)).toBeNull();
    expect(await users.listApiKeys('ada')).toEqual([]);
    expect(await users.revokeApiKey(record.id)).toBe(false);
  });

  it('moves a reused key to its new owner', async () => {
    await users.createUser({ id: 'ada' });
    await users.createUser({ id: 'bob' });
    await users.addApiKey('ada', 'shared-key-123');
    await users.addApiKey('bob', 'shared-key-123');
    expect((await users.authenticate('shared-key-123'))?.user.id).toBe('bob');
    expect(await users.listApiKeys('ada')).toEqual([]);
  });

  it('caches hits only: a key issued by another instance works at once', async () => {
    const keys = userKeys(keySpace(testRedis.prefix));
    const clock = fixedClock('2026-11-26T12:00:00Z');
    const instanceA = new UserStore(testRedis.redis, keys, clock, 60_000);
    const instanceB = new UserStore(testRedis.redis, keys, clock, 60_000);
    await instanceA.createUser({ id: 'ada' });
    expect(await instanceA.authenticate('fresh-key-123')).toBeNull();
    await instanceB.addApiKey('ada', 'fresh-key-123');
    expect((await instanceA.authenticate('fresh-key-123'))?.user.id).toBe('ada');
  });

  it('refuses a key revoked by another instance at once, however long it caches users', async () => {
    const keys = userKeys(keySpace(testRedis.prefix));
    const clock = fixedClock('2026-11-26T12:00:00Z');
    const instanceA = new UserStore(testRedis.redis, keys, clock, 600_000);
    const instanceB = new UserStore(testRedis.redis, keys, clock, 600_000);
    await instanceA.createUser({ id: 'ada' });
    await instanceA.createUser({ id: 'bob' });
    const { key, record } = await instanceA.addApiKey('ada');
    expect((await instanceB.authenticate(key))?.user.id).toBe('ada');
    await instanceA.revokeApiKey(record.id);
    expect(await instanceB.authenticate(key)).toBeNull();
    // Given to Bob instead: the cached entry names the old key id, so B asks again.
    await instanceA.addApiKey('ada', 'moved-key-123');
    expect((await instanceB.authenticate('moved-key-123'))?.user.id).toBe('ada');
    await instanceA.addApiKey('bob', 'moved-key-123');
    expect((await instanceB.authenticate('moved-key-123'))?.user.id).toBe('bob');
  });
  it('reads keys stored before the lookup named their owner (key id alone)', async () => {
    await users.createUser({ id: 'ada' });
    const { key, record } = await users.addApiKey('ada');
    const lookup = `${testRedis.prefix}apikey:${sha256Hex(key)}`;
    expect(await testRedis.redis.get(lookup)).toBe(`${record.id} ada`);
    await testRedis.redis.set(lookup, record.id);
    expect(await users.authenticate(key)).toMatchObject({ user: { id: 'ada' }, keyId: record.id });
    expect(await users.authenticateAndCount(key, 60_000)).toMatchObject({
      user: { id: 'ada' },
      keyId: record.id,
    });
    const { record: replaced } = await users.addApiKey('ada', key);
    expect(await users.listApiKeys('ada')).toEqual([replaced]);
  });

  it('counts requests per key in one window with the lookup, and nothing for unknown keys', async () => {
    await users.createUser({ id: 'ada' });
    const { key } = await users.addApiKey('ada');
    const first = await users.authenticateAndCount(key, 60_000);
    const second = await users.authenticateAndCount(key, 60_000);
    expect(first?.requests.count).toBe(1);
    expect(first?.requests.resetInMs).toBe(60_000);
    expect(second?.requests.count).toBe(2);
    expect(second?.requests.resetInMs).toBeGreaterThan(59_000);
    expect(second?.requests.resetInMs).toBeLessThanOrEqual(60_000);
    expect(await users.authenticateAndCount('no-such-key', 60_000)).toBeNull();
    const counters = await keysMatching(testRedis.redis, `${testRedis.prefix}ratelimit:*`);
    expect(counters).toEqual([`${testRedis.prefix}ratelimit:{${testRedis.prefix}apikey:${sha256Hex(key)}}`]);
  });

  describe('the owner a key had when last seen', () => {
    const keys = () => userKeys(keySpace(testRedis.prefix));

    it('asks for an expired user with the lookup, before it answers', async () => {
      const clock = fixedClock('2026-11-26T12:00:00Z');
      const store = new UserStore(testRedis.redis, keys(), clock, 1_000);
      await store.createUser({ id: 'ada', name: 'Ada' });
      const { key } = await store.addApiKey('ada');
      expect((await store.authenticateAndCount(key, 60_000))?.user.name).toBe('Ada');

      await testRedis.redis.hset(keys().user('ada'), 'name', 'Ada L.');
      clock.advance(1_001);
      const userReads = vi.spyOn(testRedis.redis, 'hgetall');
      const answer = store.authenticateAndCount(key, 60_000);
      // Before anything has come back from Redis: it leaves in the lookup's round trip.
      expect(userReads).toHaveBeenCalledWith(keys().user('ada'));
      expect(await answer).toMatchObject({ user: { id: 'ada', name: 'Ada L.' }, requests: { count: 2 } });
      userReads.mockRestore();
    });

    it('reads nothing more while the cached user is fresh', async () => {
      const store = new UserStore(testRedis.redis, keys(), fixedClock('2026-11-26T12:00:00Z'), 60_000);
      await store.createUser({ id: 'ada' });
      const { key } = await store.addApiKey('ada');
      await store.authenticate(key);
      const userReads = vi.spyOn(testRedis.redis, 'hgetall');
      expect((await store.authenticate(key))?.user.id).toBe('ada');
      expect(userReads).not.toHaveBeenCalled();
      userReads.mockRestore();
    });

    it('drops what it read when the key was revoked or given to someone else meanwhile', async () => {
      const clock = fixedClock('2026-11-26T12:00:00Z');
      const instanceA = new UserStore(testRedis.redis, keys(), clock, 1_000);
      const instanceB = new UserStore(testRedis.redis, keys(), clock, 1_000);
      await instanceA.createUser({ id: 'ada' });
      await instanceA.createUser({ id: 'bob' });
      await instanceB.addApiKey('ada', 'moved-key-123');
      const { key: revoked, record } = await instanceB.addApiKey('ada');
      for (const key of ['moved-key-123', revoked]) await instanceA.authenticateAndCount(key, 60_000);

      await instanceB.addApiKey('bob', 'moved-key-123');
      await instanceB.revokeApiKey(record.id);
      for (const expired of [false, true]) {
        if (expired) clock.advance(1_001);
        expect((await instanceA.authenticateAndCount('moved-key-123', 60_000))?.user.id).toBe('bob');
        expect(await instanceA.authenticateAndCount(revoked, 60_000)).toBeNull();
      }
    });

    it('keeps at most maxCachedKeys owners, forgetting the longest unread first', async () => {
      const store = new UserStore(testRedis.redis, keys(), fixedClock('2026-11-26T12:00:00Z'), 60_000, 2);
      const owners = ['ada', 'bob', 'cy'];
      const added = [];
      for (const id of owners) {
        await store.createUser({ id });
        added.push((await store.addApiKey(id)).key);
      }
      for (const key of added) await store.authenticate(key);
      const userReads = vi.spyOn(testRedis.redis, 'hgetall');
      // All asked before any answer: only the owner no longer cached is read again.
      const found = await Promise.all(added.map((key) => store.authenticate(key)));
      expect(found.map((owner) => owner?.user.id)).toEqual(owners);
      expect(userReads.mock.calls).toEqual([[keys().user('ada')]]);
      userReads.mockRestore();
    });
  });
});
