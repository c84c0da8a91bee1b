import type { IntentName, Slots, SlotValue } from '@hark/contracts';

/** Raw captures of one template match, by slot name as written in the template. */
export type Captures = Readonly<Record<string, SlotValue>>;

/** What resolvers may use beyond the captures: the caller's local date and time, when given. */
export interface ResolveContext {
  /** The user's local date, "YYYY-MM-DD". */
  today?: string;
  /** The user's local time, "HH:MM". */
  time?: string;
}

/**
 * One intent's templates, as data. `resolve` turns raw captures into the catalogue's slots
 * (defaults, combining a day and a time, checks across slots); returning null rejects the
 * match. Without `resolve` the captures are the slots.
 */
export interface IntentDefinition {
  intent: IntentName;
  templates: readonly string[];
  resolve?: (captures: Captures, context: ResolveContext) => Slots | null;
}
