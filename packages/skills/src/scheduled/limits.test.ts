import { describe, expect, it } from 'vitest';
import { fixedLimits, limitsFromPlan } from './limits.js';

const config = fixedLimits({ timer: 20, alarm: 50, reminder: 100 });

describe('limitsFromPlan', () => {
  it("takes the plan's limit for a kind it limits, and the configuration's for the others", async () => {
    const asked: string[] = [];
    const plans = {
      limit: async (userId: string, name: string) => {
        asked.push(`${userId}:${name}`);
        return name === 'timers.max_active' ? 10 : null;
      },
    };
    const limits = limitsFromPlan(plans, config);
    expect(await limits.maxActive('ada', 'timer')).toBe(10);
    expect(await limits.maxActive('ada', 'alarm')).toBe(50);
    expect(await limits.maxActive('ada', 'reminder')).toBe(100);
    expect(asked).toEqual(['ada:timers.max_active', 'ada:alarms.max_active', 'ada:reminders.max_active']);
  });

  it('keeps a plan limit of 0 (fail closed), rather than falling back', async () => {
    const limits = limitsFromPlan({ limit: async () => 0 }, config);
    expect(await limits.maxActive('ada', 'timer')).toBe(0);
  });
});
