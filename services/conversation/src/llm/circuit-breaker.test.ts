import { fixedClock } from '@hark/core';
import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';

const setup = () => {
  const clock = fixedClock('2026-01-01T00:00:00Z');
  return { clock, breaker: new CircuitBreaker({ failures: 3, cooldownMs: 10_000, clock }) };
};

describe('CircuitBreaker', () => {
  it('opens after consecutive failures only; a success in between resets the count', () => {
    const { breaker } = setup();
    breaker.failed();
    breaker.failed();
    breaker.succeeded();
    breaker.failed();
    breaker.failed();
    expect(breaker.tryAcquire()).toBe(true);
    breaker.failed();
    expect(breaker.status).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('lets exactly one probe through after the cooldown; its failure reopens for a full cooldown', () => {
    const { breaker, clock } = setup();
    for (let i = 0; i < 3; i++) breaker.failed();
    clock.advance(9_999);
    expect(breaker.retryAfterMs()).toBe(1);
    expect(breaker.tryAcquire()).toBe(false);
    clock.advance(1);
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.failed();
    expect(breaker.status).toBe('open');
    expect(breaker.retryAfterMs()).toBe(10_000);
  });

  it('closes when the probe succeeds, and frees the probe slot when the caller left', () => {
    const { breaker, clock } = setup();
    for (let i = 0; i < 3; i++) breaker.failed();
    clock.advance(10_000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.released();
    expect(breaker.tryAcquire()).toBe(true);
    breaker.succeeded();
    expect(breaker.status).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });
});
