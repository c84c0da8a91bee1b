import { describe, expect, it } from 'vitest';
import type { TimerItem } from './timer-item.js';
import { sameTimerName, selectorFromSlots, selectTimer } from './timer-selection.js';

const timer = (
  id: string,
  name: string | null,
  durationSeconds: number,
  state: TimerItem['state'] = 'ON',
  deviceId: string | null = null,
): TimerItem => ({
  id,
  version: 1,
  createdAt: '2026-11-26T12:00:00.000Z',
  name,
  durationSeconds,
  state,
  dueAt: state === 'ON' ? 1 : null,
  remainingMs: state === 'PAUSED' ? 1 : null,
  deviceId,
  finishedAt: null,
  stoppedAt: null,
});

const pasta = timer('t1', 'pasta', 600);
const eggs = timer('t2', 'eggs', 300, 'PAUSED');
const plain = timer('t3', null, 600);

describe('selectTimer', () => {
  it('takes the only timer when nothing is said', () => {
    expect(selectTimer([pasta], {})).toEqual({ kind: 'one', item: pasta });
  });

  it('selects by name, forgiving articles and plurals', () => {
    expect(selectTimer([pasta, eggs], { name: 'egg' })).toEqual({ kind: 'one', item: eggs });
    expect(selectTimer([pasta, eggs], { name: 'the Pasta timer' })).toEqual({ kind: 'one', item: pasta });
    expect(selectTimer([pasta, eggs], { name: 'rice' })).toEqual({ kind: 'none' });
  });

  it('selects by original length, and says when several share it', () => {
    expect(selectTimer([pasta, eggs], { originalSeconds: 300 })).toEqual({ kind: 'one', item: eggs });
    expect(selectTimer([pasta, eggs, plain], { originalSeconds: 600 })).toEqual({
      kind: 'ambiguous',
      candidates: [pasta, plain],
    });
  });

  it('lets a preference single one out before asking', () => {
    const running = (t: TimerItem) => t.state === 'ON';
    expect(selectTimer([pasta, eggs], {}, running)).toEqual({ kind: 'one', item: pasta });
    expect(selectTimer([pasta, eggs, plain], {}, running)).toEqual({
      kind: 'ambiguous',
      candidates: [pasta, plain],
    });
  });

  it('reads the selector from slots, including the answer to "which one?"', () => {
    expect(selectorFromSlots({ name: 'pasta', original_seconds: 600, timer_id: 't1', other: 1 })).toEqual({
      id: 't1',
      name: 'pasta',
      originalSeconds: 600,
    });
    expect(selectTimer([pasta, plain], selectorFromSlots({ timer_id: 't3' }))).toEqual({
      kind: 'one',
      item: plain,
    });
  });

  it('selects by room: a timer named so, or one set on a device in that room', () => {
    const kitchenNamed = timer('t4', 'kitchen', 300);
    const onKitchenSpeaker = timer('t5', null, 900, 'ON', 'kitchen-speaker');
    const inBedroom = timer('t6', 'tea', 240, 'ON', 'Bedroom Echo');
    const all = [pasta, kitchenNamed, onKitchenSpeaker, inBedroom];
    expect(selectTimer(all, { room: 'bedroom' })).toEqual({ kind: 'one', item: inBedroom });
    expect(selectTimer(all, { room: 'kitchen' })).toEqual({
      kind: 'ambiguous',
      candidates: [kitchenNamed, onKitchenSpeaker],
    });
    expect(selectTimer(all, { room: 'kitchen', originalSeconds: 900 })).toEqual({
      kind: 'one',
      item: onKitchenSpeaker,
    });
    expect(selectTimer(all, { room: 'garage' })).toEqual({ kind: 'none' });
    expect(selectorFromSlots({ room: 'kids room' })).toEqual({ room: 'kids room' });
  });

  it('compares names loosely but not too loosely', () => {
    expect(sameTimerName('eggs', 'egg')).toBe(true);
    expect(sameTimerName('My tomatoes', 'tomato')).toBe(true);
    expect(sameTimerName('pasta', 'pastry')).toBe(false);
  });
});
