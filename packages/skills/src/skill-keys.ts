import type { KeySpace } from '@hark/core';

/** The Redis keys skills keep state in (timers, alarms and reminders keep theirs in @hark/scheduling). */
export function skillKeys(space: KeySpace) {
  return {
    /** Hash: a user's named lists -> item JSON (ListStore). */
    list: (userId: string, listName: string) => space.user(userId, `list:${listName}`),
    /** Set of the user's list names (ListStore). */
    listIndex: (userId: string) => space.user(userId, 'lists'),
    /** String (JSON) with a TTL: cached upstream answers, weather and geocoding (UpstreamCache). */
    cache: (namespace: string, key: string) => space.global(`cache:${namespace}:${key}`),
  };
}

export type SkillKeys = ReturnType<typeof skillKeys>;
