import type { Clock, RedisClient } from '@hark/core';
import type { SchedulingKeys } from './scheduling-keys.js';
import { schedulingScripts } from './scheduling-scripts.js';

/** One claimed piece of due work: the member as scheduled and the time it was due. */
export interface DueEntry {
  member: string;
  dueAt: number;
}

/**
 * Processes claimed entries. Resolve with the members that are done (they are acknowledged);
 * members left out stay claimed and are retried when their lease runs out.
 */
export type DueHandler = (entries: DueEntry[]) => Promise<string[]>;

export interface SchedulerOptions {
  redis: RedisClient;
  /** A second connection for pub/sub (a subscribed connection can run no other commands). */
  subscriber: RedisClient;
  keys: SchedulingKeys;
  clock: Clock;
  handler: DueHandler;
  leaseMs?: number;
  batchSize?: number;
  /** Longest single sleep: also the safety net if a wake-up message is lost. */
  maxSleepMs?: number;
  onError?: (error: unknown) => void;
}

/** Members carry their due time last: "kind|user|id|version|dueAt". */
export const dueTimeOf = (member: string): number => Number(member.slice(member.lastIndexOf('|') + 1));

/**
 * Redis-driven scheduler: due work sits in one sorted set; any number of instances claim it
 * atomically (claim-due.lua) so each member is handed out once per lease. Each instance
 * sleeps until the earliest due time and is woken early by a pub/sub message when work is
 * scheduled sooner (schedule-due.lua announces only new earliest work). Nothing polls on a fixed
 * period; `maxSleepMs` only bounds one sleep. Claimed members go to the handler (for timers,
 * alarms and reminders: createDueHandler in due-handler.ts, where they fire).
 */
export class Scheduler {
  private readonly scripts;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly maxSleepMs: number;
  private sleep: NodeJS.Timeout | undefined;
  private sleepingUntil = Number.POSITIVE_INFINITY;
  private running = false;
  private again = false;
  private stopped = true;
  private readonly onMessage = (channel: string, message: string) => {
    if (channel === this.options.keys.scheduleChannel()) this.wakeBy(Number(message));
  };

  constructor(private readonly options: SchedulerOptions) {
    this.scripts = schedulingScripts(options.redis);
    this.leaseMs = options.leaseMs ?? 30_000;
    this.batchSize = options.batchSize ?? 500;
    this.maxSleepMs = options.maxSleepMs ?? 60_000;
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.options.subscriber.on('message', this.onMessage);
    await this.options.subscriber.subscribe(this.options.keys.scheduleChannel());
    // Reconnected after an outage: whatever came due meanwhile is claimed now.
    this.options.redis.on('ready', this.wakeNow);
    this.wakeNow();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.sleep);
    this.options.redis.off('ready', this.wakeNow);
    this.options.subscriber.off('message', this.onMessage);
    await this.options.subscriber.unsubscribe(this.options.keys.scheduleChannel()).catch(() => undefined);
    while (this.running) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  /** Adds work due at `dueAt` (ms); idempotent for the same member. */
  async schedule(member: string, dueAt: number): Promise<void> {
    const { keys } = this.options;
    await this.scripts.scheduleDue(keys.scheduleDue(), dueAt, member, keys.scheduleChannel());
  }

  /** Removes work that is no longer wanted (best effort: stale work is also ignored when it fires). */
  async unschedule(member: string): Promise<void> {
    await this.options.redis.zrem(this.options.keys.scheduleDue(), member);
  }

  /** Claims and handles everything due now; returns how many entries were handled. */
  async runDue(): Promise<number> {
    const { keys, clock, handler, redis } = this.options;
    let handled = 0;
    for (;;) {
      const now = clock.now().getTime();
      const reply = await this.scripts.claimDue(
        keys.scheduleDue(),
        keys.scheduleClaimed(),
        now,
        this.leaseMs,
        this.batchSize,
      );
      const nextDue = reply.pop() ?? '';
      if (reply.length > 0) {
        const done = await handler(reply.map((member) => ({ member, dueAt: dueTimeOf(member) })));
        if (done.length > 0) await redis.zrem(keys.scheduleClaimed(), ...done);
        handled += reply.length;
      }
      if (reply.length < this.batchSize) {
        // nextDue was read before the handler ran: sooner work announced meanwhile has armed a wake-up
        // (sleepingUntil) that must not be pushed back to it.
        const next = nextDue === '' ? Number.POSITIVE_INFINITY : Number(nextDue);
        this.arm(Math.min(next, this.sleepingUntil));
        return handled;
      }
    }
  }

  private readonly wakeNow = () => this.wakeBy(0);

  private wakeBy(dueAt: number): void {
    if (this.stopped || !(dueAt < this.sleepingUntil)) return;
    this.arm(dueAt);
  }

  private arm(dueAt: number): void {
    if (this.stopped) return;
    clearTimeout(this.sleep);
    const delay = Math.max(0, Math.min(dueAt - this.options.clock.now().getTime(), this.maxSleepMs));
    this.sleepingUntil = dueAt;
    this.sleep = setTimeout(() => void this.tick(), delay);
    this.sleep.unref();
  }

  private async tick(): Promise<void> {
    this.sleepingUntil = Number.POSITIVE_INFINITY;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        await this.runDue();
      } while (this.again && !this.stopped);
    } catch (error) {
      this.options.onError?.(error);
      this.arm(this.options.clock.now().getTime() + 1_000); // Redis trouble: retry soon, not in a hot loop.
    } finally {
      this.running = false;
    }
  }
}
