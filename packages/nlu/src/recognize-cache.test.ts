import { describe, expect, it } from 'vitest';
import { cachedRecognize } from './recognize-cache.js';
import { recognize } from './recognizer.js';

describe('cachedRecognize', () => {
  it('answers as recognize does, for the same text, locale and local time', () => {
    const cached = cachedRecognize(10);
    for (const [text, now] of [
      ['set a timer for 5 minutes', '2026-11-27T09:00'],
      ['remind me tomorrow at 9 to call mum', '2026-11-27T09:00'],
      ['remind me tomorrow at 9 to call mum', '2026-11-28T09:00'],
      ['what is the meaning of life', '2026-11-27T09:00'],
    ] as const) {
      const context = { locale: 'en-GB', now };
      expect(cached(text, context)).toEqual(recognize(text, context));
      expect(cached(text, context)).toEqual(recognize(text, context));
    }
  });

  it('keys on the local time: a relative reminder resolves against the minute it was said in', () => {
    const cached = cachedRecognize(10);
    const text = 'remind me tomorrow at 9 to call mum';
    const monday = cached(text, { locale: 'en', now: '2026-11-23T10:00' });
    const tuesday = cached(text, { locale: 'en', now: '2026-11-24T10:00' });
    expect(monday).not.toEqual(tuesday);
    expect(cached(text, { locale: 'fr', now: '2026-11-23T10:00' }).intent).toBeNull();
  });

  it('shares one frozen answer per input, and forgets the least recently used beyond its size', () => {
    const cached = cachedRecognize(2);
    const context = { locale: 'en', now: '2026-11-27T09:00' };
    const first = cached('what time is it', context);
    expect(cached('what time is it', context)).toBe(first);
    expect(Object.isFrozen(first.intent?.slots)).toBe(true);
    expect(() => {
      (first.alternatives as unknown[]).push(null);
    }).toThrow(TypeError);
    const stopBefore = cached('stop', context);
    cached('what time is it', context); // used again: now the most recent
    cached('set a timer for 5 minutes', context); // evicts "stop"
    expect(cached('what time is it', context)).toBe(first);
    const stop = cached('stop', context);
    expect(stop).not.toBe(stopBefore);
    expect(stop).toEqual(stopBefore);
    expect(cached('stop', context)).toBe(stop);
  });
});
