import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const base = { REDIS_URL: 'redis://127.0.0.1:6379' };
const stripe = { STRIPE_SECRET_KEY: 'sk_test_abc123', STRIPE_WEBHOOK_SECRET: 'whsec_abc123' };

describe('billing configuration', () => {
  it('runs without Stripe, with defaults for the rest', () => {
    expect(loadConfig(base)).toMatchObject({
      STRIPE_API_BASE: 'https://api.stripe.com',
      STRIPE_PAST_DUE_GRACE_DAYS: 3,
      PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
    });
    expect(loadConfig(base).STRIPE_SECRET_KEY).toBeUndefined();
  });

  it('takes the Stripe key and webhook secret together, never one alone', () => {
    expect(loadConfig({ ...base, ...stripe }).STRIPE_SECRET_KEY).toBe('sk_test_abc123');
    expect(() => loadConfig({ ...base, STRIPE_SECRET_KEY: stripe.STRIPE_SECRET_KEY })).toThrowError(
      /STRIPE_WEBHOOK_SECRET: STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set together/,
    );
    expect(() => loadConfig({ ...base, STRIPE_WEBHOOK_SECRET: stripe.STRIPE_WEBHOOK_SECRET })).toThrowError(
      /STRIPE_SECRET_KEY:/,
    );
  });

  it('refuses values that cannot be Stripe credentials, and names them without echoing them', () => {
    expect(() => loadConfig({ ...base, ...stripe, STRIPE_SECRET_KEY: 'pk_test_public' })).toThrowError(
      /STRIPE_SECRET_KEY: must be a Stripe secret/,
    );
    expect(() => loadConfig({ ...base, ...stripe, STRIPE_API_BASE: 'ftp://stripe' })).toThrowError(
      /STRIPE_API_BASE/,
    );
    expect(() => loadConfig({ ...base, STRIPE_PRICE_PREMIUM: 'premium' })).toThrowError(
      /STRIPE_PRICE_PREMIUM/,
    );
    try {
      loadConfig({ ...base, ...stripe, STRIPE_SECRET_KEY: 'pk_test_public' });
    } catch (error) {
      expect((error as Error).message).not.toContain('pk_test_public');
    }
  });
});
