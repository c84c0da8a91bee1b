import type { Clock } from '@hark/core';

interface Entry<V> {
  value: V;
  expiresAtMs: number;
}

export interface ExpiringCacheOptions {
  clock: Clock;
  /** Safety net: an entry is dropped this long after it was loaded even if no change message came. */
  ttlMs: number;
  /** Oldest entries are evicted beyond this, so memory stays bounded however many users call. */
  maxEntries: number;
}

/**
 * An in-process cache that loads each missing key once however many callers ask at the same
 * time, and that never stores a value loaded before an invalidation: a load that raced a
 * change message would otherwise put the old state back for a whole TTL.
 */
export class ExpiringCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private readonly loading = new Map<K, Promise<V>>();
  /** Bumped by every invalidation; a load stores its value only if it did not move meanwhile. */
  private generation = 0;

  constructor(private readonly options: ExpiringCacheOptions) {}

  /** The cached value, if present and not expired. */
  peek(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAtMs > this.options.clock.now().getTime()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /**
   * The cached value, or `load()`'s, cached until the TTL or `expiresAtMs(value)` if that is
   * sooner (an answer that stops being true by itself, such as an expiring grant).
   */
  get(key: K, load: () => Promise<V>, expiresAtMs?: (value: V) => number | null): V | Promise<V> {
    const cached = this.peek(key);
    if (cached !== undefined) return cached;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const started = this.generation;
    const loaded = load()
      .then((value) => {
        if (this.generation === started) this.store(key, value, expiresAtMs?.(value) ?? null);
        return value;
      })
      .finally(() => {
        if (this.loading.get(key) === loaded) this.loading.delete(key);
      });
    this.loading.set(key, loaded);
    return loaded;
  }

  delete(key: K): void {
    this.generation++;
    this.entries.delete(key);
    this.loading.delete(key);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.loading.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private store(key: K, value: V, validUntilMs: number | null): void {
    const ttlEnd = this.options.clock.now().getTime() + this.options.ttlMs;
    const expiresAtMs = validUntilMs === null ? ttlEnd : Math.min(ttlEnd, validUntilMs);
    // Re-inserting moves the key to the end, so the first key is always the oldest.
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAtMs });
    if (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}
