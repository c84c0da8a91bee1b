import { describe, expect, it } from 'vitest';
import { PriceList } from '../llm/prices.js';
import { runTokenScript, summarize } from '../testing/token-turns.js';

/**
 * The token bench's script (testing/token-script.ts: 50 mixed premium turns) as a behaviour test:
 * with the default LLM_TOOL_SELECTION=relevant no turn goes without the tool it needs, and the
 * median turn (all its model calls added up, the measure) stays under 900 input tokens
 * (stand-in counts, o200k_base). Not timed.
 */
describe('tools per turn on the fixed script', () => {
  it('offers every needed tool, at less than half the input tokens of offering all', async () => {
    const prices = new PriceList({});
    const relevant = summarize(await runTokenScript({ LLM_TOOL_SELECTION: 'relevant' }), prices, []);
    const all = summarize(await runTokenScript({ LLM_TOOL_SELECTION: 'all' }), prices, []);
    expect(relevant.turns).toBe(50);
    expect(relevant.missing).toBe(0);
    expect(all.missing).toBe(0);
    expect(relevant.perTurn.median).toBeLessThan(900);
    expect(relevant.perCall.median).toBeLessThan(900);
    expect(relevant.perTurn.mean).toBeLessThan(all.perTurn.mean / 2);
    // The 14 actions (timers, alarms, reminders, list changes) end with the skill's reply; the
    // reads and lookups (weather, time, dates, conversions, list read-outs) still get a second call.
    expect(relevant.skillReplied).toBe(14);
    expect(relevant.modelCalls).toBe(64);
    expect(all.perCall.median).toBeGreaterThan(1_800);
  }, 60_000);
});
