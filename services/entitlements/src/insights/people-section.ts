import type { InsightsCategory, InsightsResponse } from '@hark/contracts';
import type { PeopleUse } from '../entitlements-service-keys.js';
import { freeSkillOfTool } from './free-skill-tools.js';
import { ratioOf } from './plan-prices.js';
import type { MonthRollup } from './rollup-parse.js';

/**
 * What a turn in `category` says about its user for "is Hark a smart timer?": they used timers or
 * alarms, or something beyond them (an LLM turn, a fallback, any other skill). "Stop", "cancel",
 * "thanks", "help" (`system`) say neither: they do not make a user more than a timer user.
 */
export function peopleUseOf(category: InsightsCategory): PeopleUse | null {
  if (category === 'timers' || category === 'alarms') return 'timers-alarms';
  return category === 'system' ? null : 'beyond';
}

/**
 * Distinct users over the months a range touches, as PFCOUNT gives them (people-insights.ts):
 * `timerAlarmOrBeyond` counts the union of the timers-alarms and beyond HyperLogLogs, `beyond`
 * the beyond ones alone; the `paying` pair counts only the turns users took as paying customers.
 */
export interface PeopleCounts {
  activeUsers: number;
  timerAlarmOrBeyond: number;
  beyond: number;
  payingTimerAlarmOrBeyond: number;
  payingBeyond: number;
}

/**
 * Users who used timers or alarms and nothing beyond: |timers-alarms ∪ beyond| − |beyond|. Both
 * are estimates at scale (HyperLogLog, about 1% of the union), so the difference is kept in 0..max.
 */
export const onlyTimersAndAlarms = (timerAlarmOrBeyond: number, beyond: number, max: number): number =>
  Math.min(max, Math.max(0, timerAlarmOrBeyond - beyond));

/**
 * Is Hark a smart timer, per person: over the months the range touches, users with a turn
 * (internal users were never folded in), those who only used timers and alarms and how many of
 * them did so as paying customers, and the LLM's tool calls, with those a free skill would have
 * answered.
 */
export function peopleSection(
  counts: PeopleCounts,
  monthRollups: readonly MonthRollup[],
): InsightsResponse['people'] {
  const { activeUsers } = counts;
  const timerAlarmOnlyUsers = onlyTimersAndAlarms(counts.timerAlarmOrBeyond, counts.beyond, activeUsers);
  const timerAlarmOnlyPaying = onlyTimersAndAlarms(
    counts.payingTimerAlarmOrBeyond,
    counts.payingBeyond,
    timerAlarmOnlyUsers,
  );
  const calls = new Map<string, number>();
  for (const rollup of monthRollups) {
    for (const [tool, n] of rollup.toolCalls) calls.set(tool, (calls.get(tool) ?? 0) + n);
  }
  const byTool = [...calls]
    .filter(([, n]) => n > 0)
    .map(([tool, n]) => ({ tool, calls: n }))
    .sort((a, b) => b.calls - a.calls || a.tool.localeCompare(b.tool));
  const sum = (rows: typeof byTool) => rows.reduce((total, row) => total + row.calls, 0);
  return {
    activeUsers,
    timerAlarmOnlyUsers,
    timerAlarmOnlyShare: ratioOf(timerAlarmOnlyUsers, activeUsers),
    timerAlarmOnlyPaying,
    llmToolCalls: sum(byTool),
    llmToolCallsToFreeSkills: sum(byTool.filter((row) => freeSkillOfTool(row.tool) !== null)),
    llmToolCallsByTool: byTool,
  };
}
