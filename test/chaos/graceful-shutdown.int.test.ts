// SIGTERM on a router (a rolling deploy, a scale-down) while premium turns are being answered and
// devices listen on /v1/events: the turns in flight complete, each event stream is ended cleanly
// (a proper end of the response, so clients reconnect elsewhere), and the process exits 0.
import { keySpace } from '@hark/core';
import { entitlementKeys } from '@hark/entitlements-client';
import {
  connectTestRedis,
  grantProjection,
  type OpenAiStandIn,
  startOpenAiStandIn,
  type TestRedis,
  writeTestPlans,
} from '@hark/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, get, type Outcome, post, timed, userWithKey, waitUntil } from './support/hark-http.js';
import { chaosRuns } from './support/leases.js';
import { killAll, type ServiceProcess, startService } from './support/service-process.js';

const ANSWER = 'A slow and careful answer that takes a while to say, one word at a time.';
const TURNS = 8;
const STREAMS = 4;

let testRedis: TestRedis | undefined;
let standIn: OpenAiStandIn | undefined;
let services: ServiceProcess[] = [];
afterEach(async () => {
  await killAll(services);
  services = [];
  await standIn?.close();
  await testRedis?.cleanup();
});

/** Opens /v1/events and resolves, once the server ends the stream, with how it ended. */
async function openEventStream(url: string, apiKey: string) {
  const response = await fetch(`${url}/v1/events`, { headers: { authorization: `Bearer ${apiKey}` } });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const connected = new Promise<void>((resolve) => {
    const ended = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return { clean: true, text };
        text += decoder.decode(value, { stream: true });
        if (text.includes(': connected')) resolve();
      }
    })().catch((error: unknown) => ({ clean: false, text: String(error) }));
    streamEnds.push(ended);
  });
  await connected;
}
let streamEnds: Promise<{ clean: boolean; text: string }>[] = [];

describe.skipIf(!chaosRuns)('graceful shutdown (SIGTERM)', () => {
  it('completes in-flight turns, ends event streams cleanly, and exits 0', async () => {
    testRedis = await connectTestRedis('chaos-shutdown');
    const keys = entitlementKeys(keySpace(testRedis.prefix));
    // Every answer takes about 1.5 s to stream, so the turns are surely in flight at the signal.
    standIn = await startOpenAiStandIn({
      defaultAnswer: () => ({ kind: 'text', text: ANSWER, chunkDelayMs: 100 }),
    });
    await writeTestPlans(testRedis.redis, keys.plans());
    const shared = { REDIS_PREFIX: testRedis.prefix, ADMIN_TOKEN, INTERNAL_TOKEN: 'chaos-internal-token-1' };
    const conversation = await startService('conversation', {
      ...shared,
      LLM_BASE_URL: standIn.url,
      LLM_API_KEY: 'sk-stand-in',
    });
    const router = await startService('router', {
      ...shared,
      SEED_DEMO: 'false',
      CONVERSATION_URL: conversation.url,
    });
    services.push(conversation, router);
    const apiKey = await userWithKey(router.url, 'talker');
    await testRedis.redis.set(
      keys.entitlement('talker'),
      JSON.stringify(grantProjection('talker', 'premium')),
    );
    streamEnds = [];
    for (let n = 0; n < STREAMS; n++) await openEventStream(router.url, apiKey);

    const started = performance.now();
    const turns = Array.from({ length: TURNS }, (_, n) => {
      const init = post(apiKey, { text: 'tell me a story about a lighthouse' });
      if (n % 2 === 0) init.headers = { ...init.headers, accept: 'text/event-stream' };
      return timed(started, `${router.url}/v1/converse`, init);
    });
    await waitUntil(async () => standIn!.requests.length >= TURNS, 5_000, 'every turn to reach the model');
    const signalledAt = performance.now() - started;
    router.child.kill('SIGTERM');

    const [outcomes, streams, exit] = await Promise.all([
      Promise.all(turns),
      Promise.all(streamEnds),
      router.exited,
    ]);
    const exitedAt = performance.now() - started;
    expect(exit).toEqual({ code: 0, signal: null });
    // Every turn in flight got its whole answer.
    expect(outcomes.map((o: Outcome) => o.status)).toEqual(outcomes.map(() => 200));
    for (const [n, outcome] of outcomes.entries()) {
      const body = n % 2 === 0 ? doneOf(String(outcome.body)) : outcome.body;
      expect(body, `turn ${n}`).toMatchObject({ handledBy: 'llm', reply: { text: ANSWER } });
      expect(outcome.at + outcome.ms).toBeGreaterThan(signalledAt);
    }
    // Every event stream was ended by the server, properly (not reset).
    expect(streams.map((stream) => stream.clean)).toEqual(streams.map(() => true));
    // Nothing is accepted once draining began.
    expect((await timed(started, `${router.url}/v1/timers`, get(apiKey))).status).toBe(0);
    console.info(
      `graceful shutdown: SIGTERM with ${TURNS} premium turns in flight and ${STREAMS} event streams open; ` +
        `all turns completed (last ${Math.max(...outcomes.map((o) => o.at + o.ms - signalledAt)).toFixed(0)} ms ` +
        `after the signal), streams ended cleanly, exit code 0 ${(exitedAt - signalledAt).toFixed(0)} ms after it`,
    );
  }, 30_000);
});

/** The `done` frame's response in an SSE body. */
function doneOf(body: string): unknown {
  const block = body.split('\n\n').find((frame) => frame.startsWith('event: done'));
  const data = block?.split('\n').find((line) => line.startsWith('data: '));
  return data ? JSON.parse(data.slice('data: '.length)) : null;
}
