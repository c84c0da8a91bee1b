import { fixedClock, HarkError, keySpace } from '@hark/core';
import { connectTestRedis, type TestRedis } from '@hark/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type UserKeys, userKeys } from './user-keys.js';
import { type User, UserStore } from './user-store.js';

let testRedis: TestRedis;
let keys: UserKeys;
let clock: ReturnType<typeof fixedClock>;
let users: UserStore;

beforeEach(async () => {
  testRedis = await connectTestRedis('user-index');
  keys = userKeys(keySpace(testRedis.prefix));
  clock = fixedClock('2026-11-26T12:00:00Z');
  users = new UserStore(testRedis.redis, keys, clock, 0);
});
afterEach(() => testRedis.cleanup());

/** Creates users one minute apart, in the order given. */
async function createUsers(...specs: [id: string, name?: string][]) {
  for (const [id, name] of specs) {
    await users.createUser({ id, ...(name ? { name } : {}) });
    clock.advance(60_000);
  }
}

const ids = (page: { users: User[] }) => page.users.map((user) => user.id);

/** Every page of a listing, following nextCursor; the ids of each page. */
async function allPages(query: string | undefined, limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await users.listUsers({ query, limit, ...(cursor ? { cursor } : {}) });
    pages.push(ids(page));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return pages;
}

describe('the user index', () => {
  it('lists every user newest first, a page at a time', async () => {
    await createUsers(['ada'], ['bob'], ['cy'], ['dee'], ['eve']);
    const first = await users.listUsers({ limit: 2 });
    expect(first.users[0]).toEqual({
      id: 'eve',
      name: 'eve',
      timezone: null,
      createdAt: '2026-11-26T12:04:00.000Z',
    });
    expect(await allPages(undefined, 2)).toEqual([['eve', 'dee'], ['cy', 'bob'], ['ada']]);
    expect(await allPages('', 5)).toEqual([['eve', 'dee', 'cy', 'bob', 'ada']]);
    // A user made between two pages is on the first page, and shifts nothing on the next.
    await createUsers(['fay']);
    expect(ids(await users.listUsers({ limit: 2, cursor: first.nextCursor! }))).toEqual(['cy', 'bob']);
  });

  it('keeps users made in the same millisecond apart', async () => {
    for (const id of ['u3', 'u1', 'u2']) await users.createUser({ id });
    expect(await allPages(undefined, 1)).toEqual([['u3'], ['u2'], ['u1']]);
  });

  it('finds users by the start of their id or name, in any case, each user once', async () => {
    await createUsers(
      ['ada', 'Adalbert Jones'],
      ['adam', 'Adam'],
      ['bob', 'Ada Lovelace'],
      ['usr_9', 'Zoë Adams'],
      ['cy', 'Cyrus'],
    );
    // Ordered by the text that matched: ids and names alike ("ada", "ada lovelace", "adam").
    expect(await allPages('ADA', 10)).toEqual([['ada', 'bob', 'adam']]);
    expect(await allPages('ada', 1)).toEqual([['ada'], ['bob'], ['adam']]);
    expect(await allPages('adal', 10)).toEqual([['ada']]);
    expect(await allPages('zoë', 10)).toEqual([['usr_9']]);
    expect(await allPages('usr_', 10)).toEqual([['usr_9']]);
    expect(await allPages('  cy ', 10)).toEqual([['cy']]);
    expect(await allPages('nobody', 10)).toEqual([[]]);
  });

  it('refuses a cursor that is not one of this listing', async () => {
    await createUsers(['ada', 'Ada'], ['adam'], ['bob']);
    const searched = await users.listUsers({ query: 'ada', limit: 1 });
    const listed = await users.listUsers({ limit: 1 });
    for (const [query, cursor] of [
      [undefined, 'not-a-cursor'],
      [undefined, searched.nextCursor!],
      ['ada', listed.nextCursor!],
      ['bob', searched.nextCursor!],
    ] as const) {
      const refused = await users.listUsers({ query, limit: 1, cursor }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(HarkError);
      expect((refused as HarkError).code).toBe('HARK_ERR_VALIDATION');
    }
  });

  it('lists users made before the index existed, after one scan on the first listing', async () => {
    await createUsers(['old1', 'Olive'], ['old2']);
    // As a deployment before the index: user hashes only.
    await testRedis.redis.del(keys.usersByCreation, keys.userSearch);
    await testRedis.redis.hset(keys.user('old3'), {
      id: 'old3',
      name: 'Oscar',
      timezone: '',
      createdAt: '2026-11-20T08:00:00.000Z',
    });
    // Another instance, started after the upgrade, is the first to list.
    const upgraded = new UserStore(testRedis.redis, keys, clock, 0);
    // SCAN goes to each server that holds keys: the one Redis, or each master of a Cluster.
    const { redis } = testRedis;
    const scans = ('nodes' in redis ? redis.nodes('master') : [redis]).map((node) => vi.spyOn(node, 'scan'));
    const scanned = () => scans.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
    await createUsers(['new1']);
    expect(ids(await upgraded.listUsers({ limit: 10 }))).toEqual(['new1', 'old2', 'old1', 'old3']);
    expect(ids(await upgraded.listUsers({ query: 'o', limit: 10 }))).toEqual(['old1', 'old2', 'old3']);
    expect(ids(await upgraded.listUsers({ query: 'oscar', limit: 10 }))).toEqual(['old3']);
    const scansOfTheBackfill = scanned();
    expect(scansOfTheBackfill).toBeGreaterThan(0);
    // Done once for the deployment: neither this instance nor a new one scans again.
    await upgraded.listUsers({ limit: 10 });
    await new UserStore(testRedis.redis, keys, clock, 0).listUsers({ limit: 10 });
    expect(scanned()).toBe(scansOfTheBackfill);
    expect(await testRedis.redis.exists(keys.userIndexBackfilled)).toBe(1);
  });
});
