import type { KeySpace } from '@hark/core';

/** The Redis keys of profiles (ProfileStore); the time zone stays on the user hash of @hark/users. */
export function profileKeys(space: KeySpace) {
  return {
    /** Hash: location (JSON), units, locale. */
    profile: (userId: string) => space.user(userId, 'profile'),
  };
}

export type ProfileKeys = ReturnType<typeof profileKeys>;
