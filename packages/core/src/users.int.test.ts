import { connectTestRedis, type TestRedis } from '@hark/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from './clock.js';
import { createKeys } from './keys.js';
import { sha256Hex } from './secrets.js';
import { UserStore } from './users.js';

let testRedis: TestRedis;
let users: UserStore;

beforeEach(async () => {
  testRedis = await connectTestRedis('users');
  users = new UserStore(testRedis.redis, createKeys(testRedis.prefix), fixedClock('2026-11-26T12:00:00Z'), 0);
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
    const stored = await testRedis.redis.keys(`${testRedis.prefix}*`);
    const values = await Promise.all(
      stored.map(async (k) =>
        (await testRedis.redis.type(k)) === 'hash'
          ? JSON.stringify(await testRedis.redis.hgetall(k))
          : String(await testRedis.redis.get(k)),
      ),
    );
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
});
