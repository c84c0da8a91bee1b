import { describe, expect, it } from 'vitest';
import { ConfigError, configVariableNames, loadConfig } from './config.js';

const base = { REDIS_URL: 'redis://127.0.0.1:6379' };

describe('loadConfig', () => {
  it('applies development defaults, including the demo credentials', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      ADMIN_TOKEN: 'demo-admin',
      DEMO_API_KEY: 'demo-key',
      SEED_DEMO: true,
      REDIS_PREFIX: 'hark:',
    });
  });

  it('requires REDIS_URL and names the variable, never a value', () => {
    expect(() => loadConfig({ ADMIN_TOKEN: 'super-secret-value' })).toThrowError(/REDIS_URL/);
    try {
      loadConfig({ ADMIN_TOKEN: 'x', REDIS_URL: 'http://nope' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).not.toContain('http://nope');
    }
  });

  it('takes a Redis Cluster instead of REDIS_URL, and names a bad node', () => {
    const cluster = loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, redis-b.internal:7001,[::1]:7002' });
    expect(cluster.REDIS_CLUSTER_NODES).toEqual(['10.0.0.1:7000', 'redis-b.internal:7001', '[::1]:7002']);
    expect(cluster.REDIS_URL).toBeUndefined();
    expect(loadConfig(base).REDIS_CLUSTER_NODES).toEqual([]);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1' })).toThrowError(
      /REDIS_CLUSTER_NODES\.0: each node must be host:port/,
    );
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'redis://10.0.0.1:7000' })).toThrowError(
      /REDIS_CLUSTER_NODES/,
    );
    expect(() => loadConfig({})).toThrowError(/REDIS_URL: required \(or REDIS_CLUSTER_NODES/);
  });

  it('refuses production without an explicit operator token', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrowError(/ADMIN_TOKEN: required/);
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', ADMIN_TOKEN: 'demo-admin' })).toThrowError(
      /demo token is refused/,
    );
  });

  it('refuses a production operator token shorter than 32 characters', () => {
    const production = {
      ...base,
      NODE_ENV: 'production',
      INTERNAL_TOKEN: 'a-production-internal-token-1234',
    };
    expect(() => loadConfig({ ...production, ADMIN_TOKEN: 'x'.repeat(31) })).toThrowError(
      /ADMIN_TOKEN: must be at least 32 characters when NODE_ENV=production/,
    );
    expect(loadConfig({ ...production, ADMIN_TOKEN: 'x'.repeat(32) }).ADMIN_TOKEN).toBe('x'.repeat(32));
    // Outside production the demo token still works, so `npm start` needs no setup.
    expect(loadConfig({ ...base, ADMIN_TOKEN: 'demo-admin' }).ADMIN_TOKEN).toBe('demo-admin');
  });

  it('refuses production without an internal token of its own', () => {
    const production = { ...base, NODE_ENV: 'production', ADMIN_TOKEN: 'a-long-operator-token-of-32-chars!' };
    expect(() => loadConfig(production)).toThrowError(/INTERNAL_TOKEN: required/);
    expect(() => loadConfig({ ...production, INTERNAL_TOKEN: 'dev-internal-token' })).toThrowError(
      /published development token is refused/,
    );
  });

  it('makes up a random internal token per process outside production, never a constant', () => {
    const first = loadConfig(base);
    expect(first.INTERNAL_TOKEN).not.toBe('dev-internal-token');
    expect(first.INTERNAL_TOKEN).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.INTERNAL_TOKEN_GENERATED).toBe(true);
    // One per process: services built in one test process still reach each other.
    expect(loadConfig(base).INTERNAL_TOKEN).toBe(first.INTERNAL_TOKEN);
    const given = loadConfig({ ...base, INTERNAL_TOKEN: 'a-shared-internal-token' });
    expect(given).toMatchObject({
      INTERNAL_TOKEN: 'a-shared-internal-token',
      INTERNAL_TOKEN_GENERATED: false,
    });
  });

  it('parses the LLM price table and fallback models, and names a bad table', () => {
    const config = loadConfig({
      ...base,
      LLM_FALLBACK_MODELS: 'gpt-4o, llama3.1:8b ,',
      LLM_PRICES: '{"llama3.1:8b": {"input": 0, "output": 0}}',
    });
    expect(config.LLM_FALLBACK_MODELS).toEqual(['gpt-4o', 'llama3.1:8b']);
    expect(config.LLM_PRICES).toEqual({ 'llama3.1:8b': { input: 0, output: 0 } });
    expect(() => loadConfig({ ...base, LLM_PRICES: '{"m": {"input": "cheap"}}' })).toThrowError(/LLM_PRICES/);
    expect(() => loadConfig({ ...base, LLM_PRICES: 'not json' })).toThrowError(/LLM_PRICES: must be JSON/);
  });

  it('never seeds demo data in production', () => {
    const secrets = {
      ADMIN_TOKEN: 'a-long-operator-token-of-32-chars!',
      INTERNAL_TOKEN: 'a-long-internal-token',
    };
    const config = loadConfig({ ...base, NODE_ENV: 'production', ...secrets });
    expect(config.SEED_DEMO).toBe(false);
    expect(() =>
      loadConfig({
        ...base,
        NODE_ENV: 'production',
        ...secrets,
        SEED_DEMO: 'true',
      }),
    ).toThrowError(/SEED_DEMO/);
  });

  it('coerces numbers and flags, and rejects nonsense', () => {
    expect(loadConfig({ ...base, PORT: '8080', TRUST_PROXY: 'yes' })).toMatchObject({
      PORT: 8080,
      TRUST_PROXY: true,
    });
    expect(() => loadConfig({ ...base, PORT: 'eighty' })).toThrowError(/PORT/);
    expect(() => loadConfig({ ...base, LOG_PRETTY: 'maybe' })).toThrowError(/LOG_PRETTY/);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ ...base, PORT: '' }).PORT).toBe(3000);
  });

  it('lists every variable it knows', () => {
    expect(configVariableNames).toEqual(
      expect.arrayContaining(['REDIS_URL', 'ADMIN_TOKEN', 'PORT', 'NODE_ENV']),
    );
  });
});
