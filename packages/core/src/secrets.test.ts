import { describe, expect, it } from 'vitest';
import { bearerToken, generateApiKey, generateId, secretsEqual, sha256Hex } from './secrets.js';

describe('secrets', () => {
  it('generates distinct, prefixed, URL-safe keys', () => {
    const keys = new Set(Array.from({ length: 100 }, generateApiKey));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(/^hark_[A-Za-z0-9_-]{43}$/);
  });

  it('generates distinct ids across many refills of its entropy pool', () => {
    // 1,008 pooled bytes hold 112 ids: 5,000 ids refill the pool about 45 times.
    const ids = Array.from({ length: 5_000 }, () => generateId('tmr'));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^tmr_[A-Za-z0-9_-]{12}$/);
  });

  it('hashes with SHA-256', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    // Text is hashed as UTF-8, as keys stored before were.
    expect(sha256Hex('clé🔑')).toBe('28ad44d30514a2da47fb24d967551075198ffdd287ca1f281a18038e0df3314c');
  });

  it('compares secrets of any length', () => {
    expect(secretsEqual('demo-admin', 'demo-admin')).toBe(true);
    expect(secretsEqual('demo-admin', 'demo-admin2')).toBe(false);
    expect(secretsEqual('', 'demo-admin')).toBe(false);
  });

  it('reads bearer tokens strictly', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken('Bearer')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});
