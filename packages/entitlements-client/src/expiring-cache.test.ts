import { fixedClock } from '@hark/core';
import { describe, expect, it } from 'vitest';
import { ExpiringCache } from './expiring-cache.js';

const clock = fixedClock('2026-11-26T12:00:00Z');
const newCache = (maxEntries = 100) =>
  new ExpiringCache<string, number>({ clock, ttlMs: 30_000, maxEntries });

/** A load the test finishes by hand, to interleave it with invalidations. */
function deferred() {
  let resolve!: (value: number) => void;
  const promise = new Promise<number>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('ExpiringCache', () => {
  it('answers from memory until the TTL, then loads again', async () => {
    const cache = newCache();
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('ada', load)).toBe(1);
    clock.advance(29_999);
    expect(cache.get('ada', load)).toBe(1);
    clock.advance(1);
    expect(await cache.get('ada', load)).toBe(2);
  });

  it('loads a missing key once for concurrent callers', async () => {
    const cache = newCache();
    const pending = deferred();
    let loads = 0;
    const load = () => {
      loads++;
      return pending.promise;
    };
    const answers = [cache.get('ada', load), cache.get('ada', load), cache.get('ada', load)];
    pending.resolve(7);
    expect(await Promise.all(answers)).toEqual([7, 7, 7]);
    expect(loads).toBe(1);
  });

  it('does not store a value whose load raced an invalidation', async () => {
    const cache = newCache();
    const stale = deferred();
    const answer = cache.get('ada', () => stale.promise);
    cache.delete('ada');
    stale.resolve(1);
    expect(await answer).toBe(1);
    expect(cache.peek('ada')).toBeUndefined();
    expect(await cache.get('ada', async () => 2)).toBe(2);
    expect(cache.peek('ada')).toBe(2);
  });

  it('drops everything on clear', async () => {
    const cache = newCache();
    await cache.get('ada', async () => 1);
    await cache.get('bob', async () => 2);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(await cache.get('ada', async () => 3)).toBe(3);
  });

  it('expires an entry early when its value says it stops being true sooner', async () => {
    const cache = newCache();
    const soon = clock.now().getTime() + 5_000;
    await cache.get(
      'ada',
      async () => 1,
      () => soon,
    );
    clock.advance(4_999);
    expect(cache.peek('ada')).toBe(1);
    clock.advance(1);
    expect(cache.peek('ada')).toBeUndefined();
  });

  it('evicts the oldest entry beyond its size', async () => {
    const cache = newCache(2);
    await cache.get('a', async () => 1);
    await cache.get('b', async () => 2);
    await cache.get('c', async () => 3);
    expect(cache.size).toBe(2);
    expect(cache.peek('a')).toBeUndefined();
    expect(cache.peek('c')).toBe(3);
  });
});
