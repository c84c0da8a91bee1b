/**
 * Where a timer (alarm, reminder) fires. The path of one due member:
 *
 * 1. Scheduler (scheduler.ts) wakes at the earliest due time and claims what is due, with a lease
 *    (lua/claim-due.lua); every router runs one, and each member goes to exactly one of them.
 * 2. The due handler (this file) parses each claimed member and calls its kind's `fireDue`.
 * 3. TimerService.fireDue (and AlarmService's, ReminderService's, in packages/skills) says what
 *    firing changes ("FINISHED", the `timer.finished` event).
 * 4. ScheduledItemStore.fireDue (scheduled-item-store.ts) writes that change only if the item is
 *    still at the member's version and due time (ItemStore, lua/compare-and-set-item.lua), which
 *    appends the device event that GET /v1/events delivers.
 * 5. The Scheduler acknowledges the handled members; one that failed is claimed again after its lease.
 *
 * The router wires it: services/router/src/app.ts, `setUpScheduling`. docs/SCHEDULING.md says why
 * nothing is lost or fired twice.
 */
import { type DueRef, parseMember } from './schedule-port.js';
import type { DueEntry, DueHandler } from './scheduler.js';
import type { ScheduledKind } from './scheduling-keys.js';

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
