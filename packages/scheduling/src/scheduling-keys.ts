import type { KeySpace } from '@hark/core';

/** The kinds of item that have due times. */
export type ScheduledKind = 'timer' | 'alarm' | 'reminder';

/** The Redis keys of scheduling: users' items, their device events, and the shared schedule. */
export function schedulingKeys(space: KeySpace) {
  return {
    /** String (JSON): one timer, alarm or reminder (ItemStore). */
    item: (userId: string, kind: ScheduledKind, itemId: string) => space.user(userId, `${kind}:${itemId}`),
    /** Sorted set of a user's item ids of one kind, scored by creation time (ItemStore). */
    itemIndex: (userId: string, kind: ScheduledKind) => space.user(userId, `${kind}s`),
    /**
     * Stream of the user's device events (capped), appended with each item change by
     * compare-and-set-item.lua; the router's GET /v1/events reads it.
     */
    events: (userId: string) => space.user(userId, 'events'),
    /** Pub/sub channel announcing new events of one user (the router's event hub listens). */
    eventsChannel: (userId: string) => space.user(userId, 'events:new'),
    /**
     * Sorted sets of due work, scored by due time in ms, and of claimed work, scored by lease
     * expiry. One `{schedule}` tag puts both on one Cluster slot for claim-due.lua (Scheduler).
     */
    scheduleDue: () => space.slot('schedule', 'due'),
    scheduleClaimed: () => space.slot('schedule', 'claimed'),
    /** Pub/sub channel: the earliest due time may have moved (Scheduler). */
    scheduleChannel: () => space.slot('schedule', 'changed'),
  };
}

export type SchedulingKeys = ReturnType<typeof schedulingKeys>;
