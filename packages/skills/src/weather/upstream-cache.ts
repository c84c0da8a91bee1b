import { randomUUID } from 'node:crypto';
import type { RedisClient } from '@hark/core';
import type { z } from 'zod';
import type { SkillKeys } from '../skill-keys.js';

export interface UpstreamCacheOptions {
  /** How long one instance may hold the fetch lock; a little over the upstream timeout. */
  lockMs: number;
  /** How long another instance waits for the lock holder's answer before fetching itself. */
  lockWaitMs: number;
  pollMs?: number;
}

export interface CachedLoad<T> {
  namespace: string;
  key: string;
  /** Validates what is read back; a cached entry that no longer parses is a miss. */
  schema: z.ZodType<T>;
  ttlSeconds: (value: T) => number;
  load: () => Promise<T>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Upstream answers cached in Redis, fetched once however many ask at the same time: callers
 * in this process share one promise, and across instances a short Redis lock makes the others
 * wait for the holder's cached answer instead of stampeding the upstream. The lock is only a
 * courtesy: when it expires or its holder fails, a waiter fetches for itself.
 */
export class UpstreamCache {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: SkillKeys,
    private readonly options: UpstreamCacheOptions,
  ) {}

  get<T>(request: CachedLoad<T>): Promise<T> {
    const cacheKey = this.keys.cache(request.namespace, request.key);
    const pending = this.inFlight.get(cacheKey);
    if (pending) return pending as Promise<T>;
    const loading = this.readOrLoad(cacheKey, request).finally(() => this.inFlight.delete(cacheKey));
    this.inFlight.set(cacheKey, loading);
    return loading;
  }

  private async readOrLoad<T>(cacheKey: string, request: CachedLoad<T>): Promise<T> {
    const cached = await this.read(cacheKey, request.schema);
    if (cached !== undefined) return cached;
    const lockKey = this.keys.cache('lock', `${request.namespace}:${request.key}`);
    const token = randomUUID();
    const locked = await this.redis.set(lockKey, token, 'PX', this.options.lockMs, 'NX');
    if (!locked) {
      const theirs = await this.waitForHolder(cacheKey, lockKey, request.schema);
      if (theirs !== undefined) return theirs;
    }
    try {
      const value = await request.load();
      await this.redis.set(cacheKey, JSON.stringify(value), 'EX', request.ttlSeconds(value));
      return value;
    } finally {
      // Not atomic (that would need a script): at worst another instance's fresh lock goes and
      // one extra upstream call is made, which the lock only tries to avoid.
      if (locked && (await this.redis.get(lockKey)) === token) await this.redis.del(lockKey);
    }
  }

  /** The holder's answer once cached; undefined when it gave up (lock gone, nothing cached) or took too long. */
  private async waitForHolder<T>(
    cacheKey: string,
    lockKey: string,
    schema: z.ZodType<T>,
  ): Promise<T | undefined> {
    const pollMs = this.options.pollMs ?? 25;
    for (let waited = 0; waited < this.options.lockWaitMs; waited += pollMs) {
      await sleep(pollMs);
      const value = await this.read(cacheKey, schema);
      if (value !== undefined) return value;
      if ((await this.redis.exists(lockKey)) === 0) return undefined;
    }
    return undefined;
  }

  private async read<T>(cacheKey: string, schema: z.ZodType<T>): Promise<T | undefined> {
    const raw = await this.redis.get(cacheKey);
    if (raw === null) return undefined;
    try {
      const parsed = schema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }
}
