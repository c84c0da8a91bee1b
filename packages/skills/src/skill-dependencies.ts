import type { Clock, Keys } from '@hark/core';
import type { Redis } from 'ioredis';

/**
 * What skills that keep state need from their host (the router, or an LLM tool runner):
 * handed in, never imported, so tests can pass a test Redis and a fixed clock.
 */
export interface SkillDependencies {
  redis: Redis;
  keys: Keys;
  clock: Clock;
}
