import { describe, expect, it } from 'vitest';
import { lateness, memberOf, parseMember } from './schedule-port.js';
import { dueTimeOf } from './scheduler.js';

describe('scheduled members', () => {
  const ref = {
    kind: 'timer' as const,
    userId: 'ada',
    itemId: 'tmr_x-Y_1',
    version: 3,
    dueAt: 1_790_000_000_123,
  };

  it('round-trips, with the due time last where the Scheduler reads it', () => {
    const member = memberOf(ref);
    expect(member).toBe('timer|ada|tmr_x-Y_1|3|1790000000123');
    expect(parseMember(member)).toEqual(ref);
    expect(dueTimeOf(member)).toBe(ref.dueAt);
  });

  it.each([
    'timer|ada|t1|3',
    'lamp|ada|t1|3|100',
    'timer||t1|3|100',
    'timer|ada|t1|three|100',
    'timer|ada|t1|3|soon',
    'timer|ada|t1|3|100|extra',
  ])('rejects %s', (member) => {
    expect(parseMember(member)).toBeNull();
  });

  it('marks firing more than a second after the due time as late', () => {
    expect(lateness(10_000, 11_000)).toEqual({});
    expect(lateness(10_000, 11_001)).toEqual({ late: true, latenessMs: 1_001 });
  });
});
