import {
  type Clock,
  generateApiKey,
  generateId,
  type RedisClient,
  type RequestCount,
  sha256Hex,
} from '@hark/core';
import { UserIndex, type UserListQuery, type UserPage } from './user-index.js';
import type { UserKeys } from './user-keys.js';
import { type UserScripts, userScripts } from './user-scripts.js';

export interface User {
  id: string;
  name: string;
  timezone: string | null;
  createdAt: string;
}

export interface ApiKeyRecord {
  id: string;
  userId: string;
  /** Last four characters of the key, so people can tell their keys apart. */
  hint: string;
  createdAt: string;
}

export const userIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Who a valid API key belongs to. */
export interface Authenticated {
  user: User;
  keyId: string;
}

/** What a key's hash points at: "keyId userId" (older keys: the key id alone, the owner in its record). */
interface KeyLookup {
  keyId: string;
  userId: string | null;
}

const keyLookupValue = (keyId: string, userId: string) => `${keyId} ${userId}`;

function parseKeyLookup(value: string | null): KeyLookup | null {
  if (!value) return null;
  const space = value.indexOf(' ');
  return space < 0
    ? { keyId: value, userId: null }
    : { keyId: value.slice(0, space), userId: value.slice(space + 1) };
}

interface CachedLookup {
  value: Authenticated;
  expiresAt: number;
}

/**
 * Users and their API keys. Keys are stored only as SHA-256 hashes. The key itself is looked up in
 * Redis on every call (one GET, or one script that also counts the request), so a key revoked on
 * any instance is refused at once on all of them; only the user behind it is cached in-process,
 * for `cacheTtlMs`.
 */
export class UserStore {
  private readonly cache = new Map<string, CachedLookup>();
  private readonly scripts: UserScripts;
  private readonly index: UserIndex;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: UserKeys,
    private readonly clock: Clock,
    private readonly cacheTtlMs = 5_000,
    private readonly maxCachedKeys = 20_000,
  ) {
    this.scripts = userScripts(redis);
    this.index = new UserIndex(redis, keys, (id) => this.getUser(id));
  }

  async createUser(input: { id?: string; name?: string; timezone?: string | null }): Promise<User | null> {
    const id = input.id ?? generateId('usr');
    const user: User = {
      id,
      name: input.name ?? id,
      timezone: input.timezone ?? null,
      createdAt: this.clock.now().toISOString(),
    };
    const fields = { id, name: user.name, timezone: user.timezone ?? '', createdAt: user.createdAt };
    // HSETNX on the id field makes creation race-free: only one caller can claim an id.
    const claimed = await this.redis.hsetnx(this.keys.user(id), 'id', id);
    if (claimed === 0) return null;
    await this.redis.hset(this.keys.user(id), fields);
    await this.index.add(user);
    return user;
  }

  /** The operators' list: every user newest first, or those whose id or name starts with `query`. */
  listUsers(query: UserListQuery): Promise<UserPage> {
    return this.index.list(query);
  }

  async getUser(id: string): Promise<User | null> {
    const fields = await this.redis.hgetall(this.keys.user(id));
    if (!fields.id) return null;
    return {
      id: fields.id,
      name: fields.name ?? fields.id,
      timezone: fields.timezone || null,
      createdAt: fields.createdAt ?? '',
    };
  }

  /** Stores a key for the user; returns the record and the key itself (shown only now). */
  async addApiKey(userId: string, key = generateApiKey()): Promise<{ record: ApiKeyRecord; key: string }> {
    return (await this.addApiKeyWithin(userId, Number.POSITIVE_INFINITY, key))!;
  }

  /**
   * `addApiKey`, or null when the user already holds `max` keys. The new key's id joins the user's
   * set before the count is read and leaves it again when over, so concurrent issues can never
   * leave the user with more than `max`.
   */
  async addApiKeyWithin(
    userId: string,
    max: number,
    key = generateApiKey(),
  ): Promise<{ record: ApiKeyRecord; key: string } | null> {
    const hash = sha256Hex(key);
    const record: ApiKeyRecord = {
      id: generateId('key'),
      userId,
      hint: key.slice(-4),
      createdAt: this.clock.now().toISOString(),
    };
    const previous = parseKeyLookup(await this.redis.get(this.keys.apiKeyByHash(hash)));
    if (previous) await this.revokeApiKey(previous.keyId);
    const userKeys = this.keys.userApiKeys(userId);
    await this.redis.sadd(userKeys, record.id);
    if ((await this.redis.scard(userKeys)) > max) {
      await this.redis.srem(userKeys, record.id);
      return null;
    }
    this.cache.delete(hash);
    await this.redis.hset(this.keys.apiKey(record.id), { ...record, hash });
    await this.redis.set(this.keys.apiKeyByHash(hash), keyLookupValue(record.id, userId));
    return { record, key };
  }

  async listApiKeys(userId: string): Promise<ApiKeyRecord[]> {
    const ids = await this.redis.smembers(this.keys.userApiKeys(userId));
    const records = await Promise.all(ids.map((id) => this.redis.hgetall(this.keys.apiKey(id))));
    return records
      .filter((r) => r.id)
      .map((r) => ({ id: r.id!, userId: r.userId!, hint: r.hint ?? '', createdAt: r.createdAt ?? '' }))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** One key's record (never the key itself), or null. */
  async getApiKey(keyId: string): Promise<ApiKeyRecord | null> {
    const r = await this.redis.hgetall(this.keys.apiKey(keyId));
    if (!r.id || !r.userId) return null;
    return { id: r.id, userId: r.userId, hint: r.hint ?? '', createdAt: r.createdAt ?? '' };
  }

  /** Removes a key; false when no such key exists. */
  async revokeApiKey(keyId: string): Promise<boolean> {
    const record = await this.redis.hgetall(this.keys.apiKey(keyId));
    if (!record.hash || !record.userId) return false;
    await this.redis.del(this.keys.apiKeyByHash(record.hash));
    await this.redis.srem(this.keys.userApiKeys(record.userId), keyId);
    await this.redis.del(this.keys.apiKey(keyId));
    this.cache.delete(record.hash);
    return true;
  }

  /** The user a key belongs to, or null. */
  async authenticate(key: string): Promise<Authenticated | null> {
    const hash = sha256Hex(key);
    // Never cached: revoking deletes this entry, and every instance must see that at once. A key
    // given to someone else points at a new key id, which the cached entry is checked against.
    return this.ownerByLookup(hash, this.redis.get(this.keys.apiKeyByHash(hash)));
  }

  /**
   * `authenticate`, and the request counted against the key's budget for a window of `windowMs`,
   * in one Redis round trip (authenticate-and-count.lua). An unknown key counts nothing.
   */
  async authenticateAndCount(
    key: string,
    windowMs: number,
  ): Promise<(Authenticated & { requests: RequestCount }) | null> {
    const hash = sha256Hex(key);
    const counting = this.scripts.authenticateAndCount(
      this.keys.apiKeyByHash(hash),
      this.keys.requestCount(hash),
      windowMs,
    );
    const found = await this.ownerByLookup(
      hash,
      counting.then((counted) => counted?.[0] ?? null),
    );
    const counted = await counting;
    if (!found || !counted) return null;
    return { ...found, requests: { count: counted[1], resetInMs: counted[2] } };
  }

  /**
   * The owner of the key a key's hash points at, or null when it points nowhere. The user is cached
   * for `cacheTtlMs`; after that the entry still names who owned the key, so that user is read
   * again while the lookup is on its way (one round trip of waiting, not two), and used only if the
   * lookup names the same key id.
   */
  private async ownerByLookup(
    hash: string,
    lookupValue: Promise<string | null>,
  ): Promise<Authenticated | null> {
    const now = this.clock.now().getTime();
    const cached = this.cache.get(hash);
    const fresh = cached !== undefined && cached.expiresAt > now;
    let rereading: Promise<User | null> | undefined;
    if (cached && !fresh) {
      rereading = this.getUser(cached.value.user.id);
      rereading.catch(() => {}); // awaited below once the lookup has answered
    }
    const lookup = parseKeyLookup(await lookupValue);
    if (!lookup) {
      this.cache.delete(hash);
      return null;
    }
    if (cached && cached.value.keyId === lookup.keyId) {
      if (fresh) return cached.value;
      const user = await rereading;
      return this.remember(hash, user ? { user, keyId: lookup.keyId } : null, now);
    }
    return this.remember(hash, await this.ownerOf(lookup), now);
  }

  /** Caches a found owner (the longest unread entry makes room beyond `maxCachedKeys`); returns it. */
  private remember(hash: string, value: Authenticated | null, now: number): Authenticated | null {
    this.cache.delete(hash); // re-inserted last, so the map's first entry is the longest unread
    if (!value || this.cacheTtlMs <= 0) return value;
    if (this.cache.size >= this.maxCachedKeys) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(hash, { value, expiresAt: now + this.cacheTtlMs });
    return value;
  }

  private async ownerOf({ keyId, userId: knownUserId }: KeyLookup): Promise<Authenticated | null> {
    // Keys stored before the lookup carried the user id name their owner only in the key record.
    const userId = knownUserId ?? (await this.redis.hget(this.keys.apiKey(keyId), 'userId'));
    const user = userId ? await this.getUser(userId) : null;
    return user ? { user, keyId } : null;
  }
}
