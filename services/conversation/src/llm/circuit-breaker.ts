import type { Clock } from '@hark/core';

export interface BreakerSettings {
  /** Consecutive failures that open the circuit. */
  failures: number;
  /** How long an open circuit refuses calls before letting one probe through. */
  cooldownMs: number;
  clock: Clock;
}

type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * A circuit breaker for one model: after `failures` consecutive upstream failures it opens and
 * refuses calls for `cooldownMs` (so a dead upstream costs nothing and answers at once); then one
 * probe call goes through, and its outcome closes the circuit or opens it again. In memory, per
 * instance: each instance learns about an outage from its own calls, which is quick enough.
 */
export class CircuitBreaker {
  private state: BreakerState = 'closed';
  private consecutiveFailures = 0;
  private openedAt = 0;
  private probeInFlight = false;

  constructor(private readonly settings: BreakerSettings) {}

  /** True when a call may go out now; a half-open circuit lets exactly one probe through. */
  tryAcquire(): boolean {
    if (this.state === 'open' && this.now() - this.openedAt >= this.settings.cooldownMs) {
      this.state = 'half-open';
    }
    if (this.state === 'closed') return true;
    if (this.state === 'half-open' && !this.probeInFlight) {
      this.probeInFlight = true;
      return true;
    }
    return false;
  }

  /** Milliseconds until a probe may go out; 0 when calls go out now. */
  retryAfterMs(): number {
    if (this.state !== 'open') return 0;
    return Math.max(0, this.settings.cooldownMs - (this.now() - this.openedAt));
  }

  succeeded(): void {
    this.state = 'closed';
    this.consecutiveFailures = 0;
    this.probeInFlight = false;
  }

  failed(): void {
    this.consecutiveFailures++;
    if (this.state === 'half-open' || this.consecutiveFailures >= this.settings.failures) {
      this.state = 'open';
      this.openedAt = this.now();
    }
    this.probeInFlight = false;
  }

  /** A call that ended without telling anything about the upstream (the client left). */
  released(): void {
    this.probeInFlight = false;
  }

  get status(): BreakerState {
    return this.state;
  }

  private now(): number {
    return this.settings.clock.now().getTime();
  }
}
