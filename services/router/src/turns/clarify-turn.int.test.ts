import type { IntentMatch } from '@hark/contracts';
import { fixedClock } from '@hark/core';
import { type RecognizeContext, type RecognizeResult, recognize } from '@hark/nlu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestRouter, type TestRouter } from '../testing/test-router.js';

/**
 * The "which skill?" question, through /v1/converse. The recogniser is the real one except for
 * the two texts below, which it reports as unsure between readings: what the model says about
 * a given text changes with every retraining, the turn's handling of "unsure" must not.
 */
const timer: IntentMatch = { name: 'timer.start', confidence: 0.46, slots: { duration_seconds: 600 } };
const alarm: IntentMatch = { name: 'alarm.set', confidence: 0.31, slots: { time: '07:00' } };
const unsure: Record<string, IntentMatch[]> = {
  'ring me at ten or seven': [timer, alarm],
  'eggs ten minutes thing': [timer],
};

function recognizeWithUnsureTexts(text: string, context: RecognizeContext): RecognizeResult {
  const readings = unsure[text];
  return readings
    ? { intent: null, alternatives: [], stage: null, clarify: readings }
    : recognize(text, context);
}

const clock = fixedClock('2026-11-26T13:05:00Z');
let router: TestRouter;
let key: string;

beforeAll(async () => {
  router = await startTestRouter({}, { clock, recognize: recognizeWithUnsureTexts });
  key = await router.userWithKey('clara');
});
afterAll(() => router.close());

const say = (text: string, sessionId?: string) => router.converse(key, text, sessionId);

describe('unsure about a free skill: one short question, never the premium path', () => {
  it('asks "start a timer, or set an alarm?" with no upsell, and "the alarm" sets the alarm read', async () => {
    const question = await say('ring me at ten or seven');
    expect(question).toMatchObject({ handledBy: 'clarify', intent: null, expectsReply: true });
    expect(question.upsell).toBeUndefined();
    expect(question.reply.text).toBe('Do you want to start a timer, or set an alarm?');
    expect(question.data).toEqual({ clarify: ['timer.start', 'alarm.set'] });
    const answer = await say('the alarm', question.sessionId);
    expect(answer).toMatchObject({
      handledBy: 'skill',
      intent: { name: 'alarm.set', slots: { time: '07:00' } },
    });
    expect(answer.data.alarm).toMatchObject({ time: '07:00' });
  });

  it('"the second one" picks by position', async () => {
    const question = await say('ring me at ten or seven');
    const answer = await say('the second one', question.sessionId);
    expect(answer.intent).toMatchObject({ name: 'alarm.set' });
  });

  it('offers a single reading as a yes-or-no question, and "yes" does it', async () => {
    const question = await say('eggs ten minutes thing');
    expect(question.reply.text).toBe('Do you want me to start a timer?');
    const answer = await say('yes please', question.sessionId);
    expect(answer).toMatchObject({ handledBy: 'skill', intent: { name: 'timer.start' } });
    expect(answer.data.timer).toMatchObject({ durationSeconds: 600 });
  });

  it('a new request instead of an answer is answered as a request', async () => {
    const question = await say('ring me at ten or seven');
    const answer = await say('what time is it', question.sessionId);
    expect(answer).toMatchObject({ handledBy: 'skill', intent: { name: 'time.get' } });
  });

  it('POST /v1/nlu/parse shows the readings it would ask about, and no stage', async () => {
    const response = await router.app.inject({
      method: 'POST',
      url: '/v1/nlu/parse',
      headers: bearer(key),
      payload: { text: 'ring me at ten or seven' },
    });
    expect(response.json()).toMatchObject({ intent: null, stage: null, clarify: [timer, alarm] });
  });
});
