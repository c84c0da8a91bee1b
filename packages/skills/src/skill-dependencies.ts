import type { Clock, RedisClient } from '@hark/core';
import type { ScheduledItems } from './scheduled/scheduled-items.js';
import type { SkillKeys } from './skill-keys.js';
import type { OpenMeteoSettings } from './weather/open-meteo-client.js';

/** Reports trouble that is not the user's fault (an upstream down); pino's `log.warn` fits. */
export type WarnLog = (context: Record<string, unknown>, message: string) => void;

/**
 * What skills that keep state need from their host (the router, or an LLM tool runner):
 * handed in, never imported, so tests can pass a test Redis and a fixed clock.
 */
export interface SkillDependencies {
  redis: RedisClient;
  keys: SkillKeys;
  clock: Clock;
  /** Timers, alarms and reminders (createScheduledItems), shared with the REST routes and the scheduler. */
  scheduled: ScheduledItems;
  /** Open-Meteo base URLs (config WEATHER_API_URL, GEOCODING_API_URL); the real service when absent. */
  openMeteo?: OpenMeteoSettings;
  /** Defaults to console.warn, so an outage is never silent. */
  warn?: WarnLog;
}
