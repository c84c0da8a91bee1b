import type { ItemChange, ItemStore, VersionedItem } from './item-store.js';
import { type DueRef, memberOf, type SchedulePort } from './schedule-port.js';

/** When an item is next due in its current state; null when nothing is due (paused, finished...). */
export type DueTimeOf<T> = (item: T) => number | null;

export interface ChangeOutcome<T> {
  item: T;
  previous: T;
  /** False when the plan declined: `item` is then the item as it is. */
  changed: boolean;
}

/**
 * An ItemStore whose items have due times, kept in step with the schedule so that no
 * crash can lose one: a new due time is scheduled BEFORE the compare-and-set that makes it
 * current (a crash or a lost race leaves a stale member, which fires as a no-op), and the
 * old member is unscheduled only AFTER it (a crash leaves it behind, equally harmless).
 */
export class ScheduledItemStore<T extends VersionedItem> {
  constructor(
    private readonly store: ItemStore<T>,
    private readonly schedule: SchedulePort,
    private readonly dueTimeOf: DueTimeOf<T>,
  ) {}

  get(userId: string, id: string): Promise<T | null> {
    return this.store.get(userId, id);
  }

  list(userId: string): Promise<T[]> {
    return this.store.list(userId);
  }

  /**
   * Whether the user has `limit` or more items `isActive` holds for. Reads the items only when the
   * index is that long: most users are far below their limit, and one ZCARD tells.
   */
  async hasActiveAtLeast(
    userId: string,
    limit: number | Promise<number>,
    isActive: (item: T) => boolean,
  ): Promise<boolean> {
    const [max, indexed] = await Promise.all([limit, this.store.indexedCount(userId)]);
    if (indexed < max) return false;
    return (await this.store.list(userId)).filter(isActive).length >= max;
  }

  /**
   * Stores a new item, scheduled first. `precondition` (a limit check) runs while the due time is
   * being scheduled, one round trip instead of two; when it refuses, the member just scheduled is
   * taken out again, so a client that keeps hitting its limit does not fill the schedule with
   * members that would wait (up to the longest due time) only to fire as no-ops. If Redis fails
   * that removal, the member stays stale and fires as a no-op, as after a lost race.
   */
  async create(userId: string, change: ItemChange<T>, precondition?: () => Promise<void>): Promise<T> {
    const scheduling = this.scheduleDue(userId, change.next);
    try {
      await Promise.all([scheduling, precondition?.()]);
    } catch (refusal) {
      await scheduling
        .then(
          () => this.unscheduleDue(userId, change.next),
          () => {}, // nothing was scheduled
        )
        .catch(() => {}); // left stale: harmless
      throw refusal;
    }
    const { created } = await this.store.create(userId, change);
    if (!created) throw new Error(`${this.store.kind} ${change.next.id} already exists`);
    return change.next;
  }

  /**
   * Applies `plan` to the current item with compare-and-set, recomputing it if someone else
   * changed the item meanwhile. `plan` returns null to leave the item alone, or throws (a
   * HarkError for the client) to refuse. Resolves null when the item does not exist.
   */
  async change(
    userId: string,
    id: string,
    plan: (current: T) => ItemChange<T> | null,
  ): Promise<ChangeOutcome<T> | null> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = await this.store.get(userId, id);
      if (!current) return null;
      const planned = plan(current);
      if (!planned) return { item: current, previous: current, changed: false };
      // Every change raises the version, so the member before and the member after always differ.
      const before = this.dueRef(userId, current);
      await this.scheduleDue(userId, planned.next);
      const written = await this.store.mutate(userId, id, (latest) =>
        latest.version === current.version ? planned : null,
      );
      if (written) {
        if (before) await this.schedule.unschedule(memberOf(before));
        return { item: written.item, previous: current, changed: true };
      }
      // Lost a race: the member scheduled above is stale and will fire as a no-op; try again.
    }
    throw new Error(`${this.store.kind} ${id}: too many concurrent changes`);
  }

  /**
   * Handles one claimed member: `fire` runs only while the item is still at the member's
   * version and due time, so a member of a paused, extended or cancelled item, or one
   * handled twice, changes nothing. Whatever the item is due for afterwards is scheduled
   * (idempotent), so acknowledging the member can never leave the item unscheduled.
   */
  async fireDue(ref: DueRef, fire: (current: T) => ItemChange<T>): Promise<boolean> {
    const outcome = await this.change(ref.userId, ref.itemId, (current) =>
      current.version === ref.version && this.dueTimeOf(current) === ref.dueAt ? fire(current) : null,
    );
    // A change already scheduled its new member before writing; a no-op re-asserts the current one.
    if (outcome && !outcome.changed) await this.scheduleDue(ref.userId, outcome.item);
    return outcome?.changed ?? false;
  }

  private async scheduleDue(userId: string, item: T): Promise<void> {
    const due = this.dueRef(userId, item);
    if (due) await this.schedule.schedule(memberOf(due), due.dueAt);
  }

  private async unscheduleDue(userId: string, item: T): Promise<void> {
    const due = this.dueRef(userId, item);
    if (due) await this.schedule.unschedule(memberOf(due));
  }

  private dueRef(userId: string, item: T): DueRef | null {
    const dueAt = this.dueTimeOf(item);
    if (dueAt === null) return null;
    return { kind: this.store.kind, userId, itemId: item.id, version: item.version, dueAt };
  }
}
