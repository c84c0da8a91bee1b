import { keySpace } from '@hark/core';
import { type InteractionEvent, interactionKeys } from '@hark/interactions';
import { connectTestRedis, type TestRedis } from '@hark/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InteractionLog } from './interaction-log.js';

let testRedis: TestRedis;
let warnings: Array<Record<string, unknown>>;
beforeEach(async () => {
  testRedis = await connectTestRedis('interaction-log');
  warnings = [];
});
afterEach(() => testRedis.cleanup());

const event = (userId: string): InteractionEvent => ({
  userId,
  plan: 'free',
  handledBy: 'skill',
  intent: 'time.get',
  outcome: 'ok',
  latencyMs: 1.4,
  sessionId: null,
  at: new Date('2026-11-26T10:00:00Z'),
});

function logFor(options: { flushMs?: number; maxBatch?: number } = {}) {
  const keys = interactionKeys(keySpace(testRedis.prefix));
  const log = new InteractionLog({
    redis: testRedis.redis,
    keys,
    warn: (context) => warnings.push(context),
    ...options,
  });
  const users = async () =>
    (await testRedis.redis.xrange(keys.interactions(), '-', '+')).map(
      ([, fields]) => fields[fields.indexOf('userId') + 1],
    );
  return { log, users };
}

describe('InteractionLog', () => {
  it('holds events until the flush delay, then writes them all, in order', async () => {
    const { log, users } = logFor({ flushMs: 50 });
    log.add(event('ann'));
    log.add(event('bob'));
    expect(await users()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await users()).toEqual(['ann', 'bob']);
    expect(warnings).toEqual([]);
  });

  it('sends a full batch at once, without waiting', async () => {
    const { log, users } = logFor({ flushMs: 60_000, maxBatch: 3 });
    for (const name of ['a', 'b', 'c', 'd']) log.add(event(name));
    for (let attempt = 0; attempt < 50 && (await users()).length < 3; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await users()).toEqual(['a', 'b', 'c']);
    await log.close();
    expect(await users()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('writes what waits on close, and each later event at once', async () => {
    const { log, users } = logFor({ flushMs: 60_000 });
    log.add(event('early'));
    await log.close();
    expect(await users()).toEqual(['early']);
    log.add(event('late'));
    for (let attempt = 0; attempt < 50 && (await users()).length < 2; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await users()).toEqual(['early', 'late']);
  });

  it('warns and drops a batch that Redis refuses, and carries on', async () => {
    const keys = interactionKeys(keySpace(testRedis.prefix));
    await testRedis.redis.set(keys.interactions(), 'not a stream');
    const { log } = logFor();
    log.add(event('lost'));
    await log.flush();
    expect(warnings).toEqual([{ failed: 1 }]);
  });
});
