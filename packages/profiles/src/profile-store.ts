import { emptyProfile, type Profile, profileLocationSchema, unitsSchema } from '@hark/contracts';
import type { RedisClient } from '@hark/core';
import type { UserKeys } from '@hark/users';
import type { ProfileKeys } from './profile-keys.js';

/**
 * A user's profile: the time zone lives on the user hash (it predates profiles), the rest on
 * the profile hash. Values are validated on the way in by the routes and re-checked on the
 * way out, so a corrupt field reads as "not set" instead of breaking a turn.
 */
export class ProfileStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: UserKeys & ProfileKeys,
  ) {}

  async get(userId: string): Promise<Profile> {
    const [timezone, fields] = await Promise.all([
      this.redis.hget(this.keys.user(userId), 'timezone'),
      this.redis.hgetall(this.keys.profile(userId)),
    ]);
    return {
      timezone: timezone || null,
      location: parseLocation(fields.location),
      // Unset is the common case: no failed parse (and its error object) on every turn for it.
      units: fields.units ? (unitsSchema.safeParse(fields.units).data ?? null) : null,
      locale: fields.locale || null,
    };
  }

  /** Applies the given fields; `null` clears one, `undefined` leaves it as it is. */
  async update(userId: string, changes: Partial<Profile>): Promise<Profile> {
    const set: Record<string, string> = {};
    const clear: string[] = [];
    for (const field of ['location', 'units', 'locale'] as const) {
      const value = changes[field];
      if (value === undefined) continue;
      if (value === null) clear.push(field);
      else set[field] = typeof value === 'string' ? value : JSON.stringify(value);
    }
    if (Object.keys(set).length > 0) await this.redis.hset(this.keys.profile(userId), set);
    if (clear.length > 0) await this.redis.hdel(this.keys.profile(userId), ...clear);
    if (changes.timezone !== undefined) {
      await this.redis.hset(this.keys.user(userId), 'timezone', changes.timezone ?? '');
    }
    return this.get(userId);
  }
}

function parseLocation(raw: string | undefined): Profile['location'] {
  if (!raw) return emptyProfile.location;
  try {
    return profileLocationSchema.safeParse(JSON.parse(raw)).data ?? null;
  } catch {
    return null;
  }
}
