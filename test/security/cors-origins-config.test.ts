import { ConfigError, loadConfig, securityOptionsFrom } from '@hark/core';
import { describe, expect, it } from 'vitest';

const base = { REDIS_URL: 'redis://127.0.0.1:6379' };

describe('CORS_ORIGINS and the security options derived from the config', () => {
  it('allows no other origin by default, and sends no HSTS over plain http', () => {
    const config = loadConfig(base);
    expect(config.CORS_ORIGINS).toEqual([]);
    expect(securityOptionsFrom(config)).toEqual({ corsOrigins: [], behindTls: false });
  });

  it('takes a comma-separated list of exact origins; an https PUBLIC_BASE_URL means TLS', () => {
    const config = loadConfig({
      ...base,
      CORS_ORIGINS: 'https://app.example.com, http://localhost:5173,https://speaker.example:8443',
      PUBLIC_BASE_URL: 'https://hark.example.com',
    });
    expect(securityOptionsFrom(config)).toEqual({
      corsOrigins: ['https://app.example.com', 'http://localhost:5173', 'https://speaker.example:8443'],
      behindTls: true,
    });
  });

  it.each([
    '*',
    'https://app.example.com/',
    'https://app.example.com/path',
    'app.example.com',
    'null',
    'javascript:alert(1)',
    'https://app.example.com, *',
    'https://user@app.example.com',
  ])('refuses %j, naming the variable and not the value', (value) => {
    let problem: unknown;
    try {
      loadConfig({ ...base, CORS_ORIGINS: value });
    } catch (error) {
      problem = error;
    }
    expect(problem).toBeInstanceOf(ConfigError);
    // The fixed explanation only: a value never appears in a start-up error.
    expect((problem as ConfigError).problems).toEqual([
      'CORS_ORIGINS: comma-separated origins such as https://app.example.com (no path, no trailing slash, no *)',
    ]);
  });
});
