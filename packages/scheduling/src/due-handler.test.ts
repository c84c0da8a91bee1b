import { describe, expect, it } from 'vitest';
import { createDueHandler } from './due-handler.js';

const entry = (member: string) => ({ member, dueAt: Number(member.split('|')[4]) });

describe('due handler', () => {
  it('acknowledges members it cannot read, and leaves failed ones for a retry', async () => {
    const failures: string[] = [];
    const failing = { fireDue: async () => Promise.reject(new Error('Redis went away')) };
    const handler = createDueHandler(
      { timer: failing, alarm: failing, reminder: failing },
      { onError: (_error, member) => failures.push(member) },
    );
    const broken = 'timer|ada|t1|1|100';
    expect(await handler([entry('garbage|1'), entry(broken)])).toEqual(['garbage|1']);
    expect(failures).toEqual([broken]);
  });
});
