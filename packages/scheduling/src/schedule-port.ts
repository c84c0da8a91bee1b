import type { ScheduledKind } from './scheduling-keys.js';

/**
 * Where services put due times. The Scheduler satisfies it; tests may pass the real
 * Scheduler or a recorder. Both calls are idempotent for the same member.
 */
export interface SchedulePort {
  schedule(member: string, dueAt: number): Promise<void>;
  unschedule(member: string): Promise<void>;
}

/** One due time of one version of one item: what a scheduled member stands for. */
export interface DueRef {
  kind: ScheduledKind;
  userId: string;
  itemId: string;
  version: number;
  dueAt: number;
}

const kinds: readonly string[] = ['timer', 'alarm', 'reminder'] satisfies ScheduledKind[];

/**
 * "kind|userId|itemId|version|dueAtMs": the due time goes last because the Scheduler reads
 * it from there; the version makes a member for an older state of the item recognisably stale.
 * User and item ids never contain "|" (both are [A-Za-z0-9_-]).
 */
export const memberOf = (ref: DueRef): string =>
  `${ref.kind}|${ref.userId}|${ref.itemId}|${ref.version}|${ref.dueAt}`;

/** The reference a member stands for, or null for a member this code never wrote. */
export function parseMember(member: string): DueRef | null {
  const parts = member.split('|');
  if (parts.length !== 5) return null;
  const [kind, userId, itemId, version, dueAt] = parts as [string, string, string, string, string];
  if (!kinds.includes(kind) || !userId || !itemId) return null;
  const ref = { kind: kind as ScheduledKind, userId, itemId, version: Number(version), dueAt: Number(dueAt) };
  return Number.isSafeInteger(ref.version) && Number.isSafeInteger(ref.dueAt) ? ref : null;
}

/** Fired more than this after the due time counts as late (and says so in its event). */
export const LATE_AFTER_MS = 1_000;

/** `{late: true, latenessMs}` when firing at `firedAt` is late for `dueAt`; otherwise nothing. */
export function lateness(dueAt: number, firedAt: number): { late?: true; latenessMs?: number } {
  const latenessMs = firedAt - dueAt;
  return latenessMs > LATE_AFTER_MS ? { late: true, latenessMs } : {};
}

/** Finished and cancelled items stay readable ("your timer finished") this long, then age out. */
export const RETAIN_ENDED_SECONDS = 3_600;
