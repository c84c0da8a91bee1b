import { describe, expect, it } from 'vitest';
import type { Timer } from '../../types.js';
import { timerLeft, timerRows } from './items.js';

const base = {
  version: 1,
  createdAt: '2026-11-26T13:00:00.000Z',
  deviceId: null,
  finishedAt: null,
  stoppedAt: null,
};
const timers: Timer[] = [
  {
    ...base,
    id: 'tm_1',
    name: 'pasta',
    durationSeconds: 540,
    state: 'ON',
    dueAt: '2026-11-26T13:09:00.000Z',
    remainingMs: 299_001,
  },
  { ...base, id: 'tm_2', name: null, durationSeconds: 60, state: 'PAUSED', dueAt: null, remainingMs: 30_000 },
  {
    ...base,
    id: 'tm_3',
    name: 'eggs',
    durationSeconds: 360,
    state: 'CANCELLED',
    dueAt: null,
    remainingMs: null,
  },
];

describe('timer table', () => {
  it('rounds time left up, as a countdown does, and shows none once a timer ended', () => {
    expect(timers.map(timerLeft)).toEqual(['5m 00s', '30s', '-']);
  });

  it('lines up id, name, state, length, time left and due time', () => {
    const now = new Date('2026-11-26T13:04:00Z');
    const [header, ...rows] = timerRows(timers, now).split('\n');
    expect(header).toBe('ID    NAME   STATE      LENGTH  LEFT    DUE');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^tm_1 {2}pasta {2}ON {9}9m 00s {2}5m 00s {2}\d\d:\d\d:00$/);
    expect(rows[1]).toBe('tm_2  -      PAUSED     1m 00s  30s     -');
    expect(rows[2]).toBe('tm_3  eggs   CANCELLED  6m 00s  -       -');
  });
});
