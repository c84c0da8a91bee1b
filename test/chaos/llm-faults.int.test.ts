// The LLM upstream misbehaves under load: a quarter of its answers come too slowly, a quarter
// are 500s, a quarter are cut mid-stream. Every client turn, streamed or not, ends cleanly (a
// 200 with an answer or the spoken fallback; a stream ends with exactly one `done`), in bounded
// time, and every quota turn taken for an answer that never came is given back.
import { keySpace } from '@hark/core';
import { entitlementKeys } from '@hark/entitlements-client';
import {
  connectTestRedis,
  grantProjection,
  keysMatching,
  type OpenAiStandIn,
  type ScriptedAnswer,
  startOpenAiStandIn,
  type TestRedis,
  writeTestPlans,
} from '@hark/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type Outcome, percentile, post, timed, userWithKey } from './support/hark-http.js';
import { chaosRuns } from './support/leases.js';
import { killAll, type ServiceProcess, startService } from './support/service-process.js';

const FIRST_TOKEN_TIMEOUT_MS = 800;
const TURNS = 160;
const LANES = 16;
const ANSWER = 'Here is a long enough answer, word by word, from the model.';

type Fault = 'ok' | 'slow' | 'error' | 'cut';
const faults: Fault[] = ['ok', 'slow', 'error', 'cut'];
const scripted: Record<Fault, ScriptedAnswer> = {
  ok: { kind: 'text', text: ANSWER },
  slow: { kind: 'text', text: ANSWER, firstChunkDelayMs: 3 * FIRST_TOKEN_TIMEOUT_MS },
  error: { kind: 'status', status: 500 },
  cut: { kind: 'text', text: ANSWER, dropAfterChunks: 4, chunkDelayMs: 20 },
};

let testRedis: TestRedis | undefined;
let standIn: OpenAiStandIn | undefined;
let services: ServiceProcess[] = [];
afterEach(async () => {
  await killAll(services);
  services = [];
  await standIn?.close();
  await testRedis?.cleanup();
});

interface SseFrame {
  event: string;
  data: string;
}

const parseSse = (text: string): SseFrame[] =>
  text
    .split('\n\n')
    .map((block) => {
      const line = (name: string) =>
        block
          .split('\n')
          .find((l) => l.startsWith(`${name}: `))
          ?.slice(name.length + 2);
      return { event: line('event') ?? '', data: line('data') ?? '' };
    })
    .filter((frame) => frame.event !== '');

interface Turn {
  user: string;
  streamed: boolean;
  outcome: Outcome;
  /** The final response (JSON body, or the `done` frame's data). */
  response?: { handledBy: string; data?: { error?: string } };
  frames: SseFrame[];
}

/** Sum of a user's usage counters of one quota, over every period key. */
async function usage(
  redis: TestRedis['redis'],
  prefix: string,
  user: string,
  quota: string,
): Promise<number> {
  const found = await keysMatching(redis, `${prefix}{${user}}:usage:${quota}:*`);
  const values = await Promise.all(found.map((key) => redis.get(key)));
  return values.reduce((sum, value) => sum + Number(value ?? 0), 0);
}

describe.skipIf(!chaosRuns)('LLM upstream slow, failing or cut mid-stream under load', () => {
  it('ends every turn cleanly and refunds every quota turn that got no answer', async () => {
    testRedis = await connectTestRedis('chaos-llm');
    const keys = entitlementKeys(keySpace(testRedis.prefix));
    let served = 0;
    standIn = await startOpenAiStandIn({ defaultAnswer: () => scripted[faults[served++ % faults.length]!] });
    await writeTestPlans(testRedis.redis, keys.plans());
    const shared = { REDIS_PREFIX: testRedis.prefix, ADMIN_TOKEN, INTERNAL_TOKEN: 'chaos-internal-token-1' };
    const conversation = await startService('conversation', {
      ...shared,
      LLM_BASE_URL: standIn.url,
      LLM_API_KEY: 'sk-stand-in',
      LLM_MAX_RETRIES: '0',
      LLM_FIRST_TOKEN_TIMEOUT_MS: String(FIRST_TOKEN_TIMEOUT_MS),
      // Each kind of fault is exercised on its own here; the breaker has tests of its own.
      LLM_BREAKER_FAILURES: '1000',
    });
    services.push(conversation);
    const router = await startService('router', {
      ...shared,
      SEED_DEMO: 'false',
      RATE_LIMIT_MAX: '100000',
      CONVERSATION_URL: conversation.url,
    });
    services.push(router);
    const users = ['p0', 'p1', 'p2', 'p3', 'f0'];
    const apiKeys = new Map<string, string>();
    for (const user of users) {
      apiKeys.set(user, await userWithKey(router.url, user));
      if (user.startsWith('p'))
        await testRedis.redis.set(keys.entitlement(user), JSON.stringify(grantProjection(user, 'premium')));
    }

    const started = performance.now();
    const turns: Turn[] = [];
    let next = 0;
    const lane = async () => {
      while (next < TURNS) {
        const n = next++;
        const user = users[n % users.length]!;
        const streamed = n % 2 === 0;
        const init = post(apiKeys.get(user)!, { text: 'tell me something about octopuses' });
        if (streamed) init.headers = { ...init.headers, accept: 'text/event-stream' };
        const outcome = await timed(started, `${router.url}/v1/converse`, init);
        const frames = streamed && typeof outcome.body === 'string' ? parseSse(outcome.body) : [];
        const done = frames.find((frame) => frame.event === 'done');
        const response = (
          streamed ? (done ? JSON.parse(done.data) : undefined) : outcome.body
        ) as Turn['response'];
        turns.push({ user, streamed, outcome, response, frames });
      }
    };
    await Promise.all(Array.from({ length: LANES }, lane));
    const elapsed = performance.now() - started;

    // Clean endings: every turn a 200; a stream ends with exactly one `done`, nothing after it.
    expect(turns.filter((turn) => turn.outcome.status !== 200)).toEqual([]);
    for (const turn of turns.filter((t) => t.streamed)) {
      const terminal = turn.frames.filter((frame) => frame.event === 'done' || frame.event === 'error');
      expect(terminal.map((frame) => frame.event)).toEqual(['done']);
      expect(turn.frames.at(-1)?.event).toBe('done');
    }
    const answered = turns.filter((turn) => turn.response?.handledBy === 'llm');
    const fellBack = turns.filter((turn) => turn.response?.handledBy === 'fallback');
    expect(answered.length + fellBack.length).toBe(TURNS);
    const failureCodes = new Set(fellBack.map((turn) => turn.response?.data?.error).filter(Boolean));
    expect([...failureCodes].sort()).toEqual(['HARK_ERR_LLM_TIMEOUT', 'HARK_ERR_LLM_UNAVAILABLE']);
    // A stream cut after some words still ends with the fallback, not a dangling connection.
    const cutStreams = fellBack.filter((turn) => turn.frames.some((frame) => frame.event === 'delta'));
    expect(cutStreams.length).toBeGreaterThan(0);
    // Bounded: the slowest turn is the first-token timeout plus overhead, never a hang.
    const durations = turns.map((turn) => turn.outcome.ms);
    expect(Math.max(...durations)).toBeLessThan(FIRST_TOKEN_TIMEOUT_MS + 4_000);

    // Refunds: what is counted is exactly the turns that got an answer from the model.
    for (const user of users) {
      const quota = user.startsWith('p')
        ? 'conversation.turns_per_day'
        : 'conversation.trial_turns_per_month';
      const counted = await usage(testRedis.redis, testRedis.prefix, user, quota);
      expect(counted, user).toBe(answered.filter((turn) => turn.user === user).length);
    }
    const trialAnswers = answered.filter((turn) => turn.user === 'f0').length;
    expect(trialAnswers).toBeLessThanOrEqual(5);
    expect(router.alive() && conversation.alive()).toBe(true);

    const byCode = (code: string) => fellBack.filter((turn) => turn.response?.data?.error === code).length;
    console.info(
      `LLM faults: ${TURNS} turns (${LANES} at a time, half streamed) in ${elapsed.toFixed(0)} ms against ` +
        `${standIn.requests.length} upstream calls (ok, slow first token, 500, cut mid-stream in turn): ` +
        `${answered.length} answered, ${byCode('HARK_ERR_LLM_TIMEOUT')} timed out, ` +
        `${byCode('HARK_ERR_LLM_UNAVAILABLE')} unavailable (${cutStreams.length} of them cut after some words), ` +
        `${fellBack.length - byCode('HARK_ERR_LLM_TIMEOUT') - byCode('HARK_ERR_LLM_UNAVAILABLE')} other ` +
        `fallbacks (trial spent); every stream ended with one done; turn time p50 ` +
        `${percentile(durations, 0.5).toFixed(0)} ms, max ${Math.max(...durations).toFixed(0)} ms; usage ` +
        `counters equal answered turns for all ${users.length} users`,
    );
  }, 40_000);
});
