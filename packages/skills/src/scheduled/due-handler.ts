import type { DueEntry, DueHandler, ScheduledKind } from '@hark/core';
import { type DueRef, parseMember } from './schedule-port.js';

/** What the handler needs of each kind's service. */
export interface DueFirer {
  fireDue(ref: DueRef): Promise<boolean>;
}

export interface DueHandlerOptions {
  /** A member whose firing failed (Redis trouble); it is retried when its lease runs out. */
  onError?: (error: unknown, member: string) => void;
}

/**
 * The scheduler's handler for timers, alarms and reminders. A batch is handled concurrently
 * (thousands due in one second fire together). A member is acknowledged once handled, also
 * when it was stale or unreadable (firing it again could never do anything); a member whose
 * firing threw is left out so the scheduler retries it after its lease.
 */
export function createDueHandler(
  firers: Record<ScheduledKind, DueFirer>,
  options: DueHandlerOptions = {},
): DueHandler {
  const handleOne = async (entry: DueEntry): Promise<string | null> => {
    const ref = parseMember(entry.member);
    if (!ref) return entry.member;
    try {
      await firers[ref.kind].fireDue(ref);
      return entry.member;
    } catch (error) {
      options.onError?.(error, entry.member);
      return null;
    }
  };
  return async (entries) => {
    const handled = await Promise.all(entries.map(handleOne));
    return handled.filter((member): member is string => member !== null);
  };
}
