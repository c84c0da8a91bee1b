import type { Clock, HarkConfig, KeySpace, RedisClient } from '@hark/core';
import { Scheduler, schedulingKeys } from '@hark/scheduling';
import {
  createDefaultSkills,
  createScheduledItems,
  limitsFromConfig,
  type SkillRegistry,
  skillKeys,
} from '@hark/skills';
import type { FastifyBaseLogger } from 'fastify';

/**
 * The same skills as the router's free path, over the same Redis and keys: a timer the model
 * starts is the timer GET /v1/timers lists and the router's scheduler fires. This service only
 * puts due times into the schedule; it never starts a Scheduler loop (the router fires them).
 */
export function createSkillRegistry(
  redis: RedisClient,
  space: KeySpace,
  clock: Clock,
  config: HarkConfig,
  log: FastifyBaseLogger,
): SkillRegistry {
  const keys = schedulingKeys(space);
  const schedule = new Scheduler({
    redis,
    // Never started here, so never subscribes: the command connection satisfies the type.
    subscriber: redis,
    keys,
    clock,
    handler: async () => [],
  });
  const scheduled = createScheduledItems({
    redis,
    keys,
    clock,
    schedule,
    limits: limitsFromConfig(config),
    streamCap: config.EVENTS_KEPT_PER_USER,
  });
  return createDefaultSkills({
    redis,
    keys: skillKeys(space),
    clock,
    scheduled,
    openMeteo: { forecastUrl: config.WEATHER_API_URL, geocodingUrl: config.GEOCODING_API_URL },
    warn: (context, message) => log.warn(context, message),
  });
}
