import { deviceIsInRoom } from '../scheduled/rooms.js';
import type { TimerItem } from './timer-item.js';

/**
 * How a request names a timer: an id (an answer to "which one?"), a name, its original
 * length, or where it is (a room: named so, or set on a device in that room).
 */
export interface TimerSelector {
  id?: string;
  name?: string;
  originalSeconds?: number;
  room?: string;
}

export type Selection<T> =
  | { kind: 'one'; item: T }
  | { kind: 'none' }
  | { kind: 'ambiguous'; candidates: T[] };

/** "The Eggs timer", "egg" and "eggs" name the same timer. */
export function sameTimerName(a: string, b: string): boolean {
  const simple = (name: string) =>
    name
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^(the|my|a|an) /, '')
      .replace(/ timer$/, '')
      .replace(/(es|s)$/, '');
  return simple(a) === simple(b);
}

export function selectorFromSlots(slots: Record<string, unknown>): TimerSelector {
  return {
    ...(typeof slots.timer_id === 'string' ? { id: slots.timer_id } : {}),
    ...(typeof slots.name === 'string' ? { name: slots.name } : {}),
    ...(typeof slots.original_seconds === 'number' ? { originalSeconds: slots.original_seconds } : {}),
    ...(typeof slots.room === 'string' ? { room: slots.room } : {}),
  };
}

export const hasSelector = (selector: TimerSelector): boolean =>
  selector.id !== undefined ||
  selector.name !== undefined ||
  selector.originalSeconds !== undefined ||
  selector.room !== undefined;

/** "The kitchen timer": one named kitchen, or one set on the kitchen speaker. */
export const timerIsInRoom = (timer: TimerItem, room: string): boolean =>
  (timer.name !== null && sameTimerName(timer.name, room)) || deviceIsInRoom(timer.deviceId, room);

function fitsSelector(timer: TimerItem, selector: TimerSelector): boolean {
  return (
    (selector.id === undefined || timer.id === selector.id) &&
    (selector.name === undefined || (timer.name !== null && sameTimerName(timer.name, selector.name))) &&
    (selector.originalSeconds === undefined || timer.durationSeconds === selector.originalSeconds) &&
    (selector.room === undefined || timerIsInRoom(timer, selector.room))
  );
}

/**
 * The timer a request means among `timers`. With no selector the only timer is meant;
 * when several fit, `prefer` (e.g. "running" for pause) may single one out before asking.
 */
export function selectTimer(
  timers: readonly TimerItem[],
  selector: TimerSelector,
  prefer: (timer: TimerItem) => boolean = () => true,
): Selection<TimerItem> {
  const matching = timers.filter((timer) => fitsSelector(timer, selector));
  if (matching.length === 0) return { kind: 'none' };
  if (matching.length === 1) return { kind: 'one', item: matching[0]! };
  const preferred = matching.filter(prefer);
  if (preferred.length === 1) return { kind: 'one', item: preferred[0]! };
  return { kind: 'ambiguous', candidates: preferred.length > 0 ? preferred : matching };
}
