import { keySpace } from '@hark/core';
import { connectTestRedis, type TestRedis } from '@hark/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationKeys } from '../conversation-keys.js';
import { ConversationMemory } from './conversation-memory.js';
import { estimateTokenCount, tokenCounterFor } from './token-count.js';

let testRedis: TestRedis;
beforeAll(async () => {
  testRedis = await connectTestRedis('memory-tokens');
});
afterAll(() => testRedis?.cleanup());

const memoryWith = (countTokens: (text: string) => number, maxTokens = 200) =>
  new ConversationMemory(testRedis.redis, conversationKeys(keySpace(testRedis.prefix)), {
    maxTokens,
    ttlSeconds: 600,
    countTokens,
  });

// About 95 o200k tokens a turn, but only ~41 by characters / 4: a budget of 150 holds one such
// turn when counted for real, and all three by the estimate.
const japanese = (n: number) => `${n}: 今日は東京で雨が降るでしょうか。傘を持って行くべきですか。`.repeat(3);
const turn = (n: number) => [
  { role: 'user' as const, content: japanese(n) },
  { role: 'assistant' as const, content: 'はい。' },
];

describe('conversation memory, budgeted in tokens of the model', () => {
  it('counts turns with the tokenizer of the model, so a CJK conversation is trimmed where the estimate would not', async () => {
    const real = memoryWith(tokenCounterFor('gpt-4o-mini'), 150);
    const rough = memoryWith(estimateTokenCount, 150);
    for (const n of [1, 2, 3]) {
      await real.append('ada', 'tokens', turn(n));
      await rough.append('ada', 'rough', turn(n));
    }
    const kept = await real.load('ada', 'tokens');
    expect(kept.map((message) => message.content)).toEqual([japanese(3), 'はい。']);
    expect(await rough.load('ada', 'rough')).toHaveLength(6);
  });

  it('keeps a tool call with its result when older turns are dropped', async () => {
    const memory = memoryWith(tokenCounterFor('gpt-4o-mini'), 150);
    const withTool = [
      { role: 'user' as const, content: 'Set a timer for one minute.' },
      {
        role: 'assistant' as const,
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function' as const,
            function: { name: 'timer_start', arguments: '{"duration_seconds":60}' },
          },
        ],
      },
      { role: 'tool' as const, tool_call_id: 'call_1', content: '{"ok":true,"text":"Timer set."}' },
      { role: 'assistant' as const, content: 'Timer set for one minute.' },
    ];
    await memory.append('ben', 'tools', turn(1));
    await memory.append('ben', 'tools', withTool);
    const kept = await memory.load('ben', 'tools');
    expect(kept.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
  });
});
