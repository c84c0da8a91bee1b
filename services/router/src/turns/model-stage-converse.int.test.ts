import { fixedClock } from '@hark/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestRouter, type TestRouter } from '../testing/test-router.js';

/**
 * Requests no template matches, answered by the trained stage through the real router and the
 * shipped model: a free skill does them, so no trial turn, no LLM and no upsell.
 */
const clock = fixedClock('2026-11-26T13:05:00Z');
let router: TestRouter;
let key: string;

beforeAll(async () => {
  router = await startTestRouter({}, { clock });
  key = await router.userWithKey('mo', 'Europe/London');
});
afterAll(() => router.close());

async function post(url: string, text: string) {
  const response = await router.app.inject({ method: 'POST', url, headers: bearer(key), payload: { text } });
  expect(response.statusCode).toBe(200);
  return response.json();
}

describe('the trained stage through the API', () => {
  it.each([
    ['how are the potatoes doing', 'timer.status'],
    ['give me a shout at 9 about the boiler man', 'reminder.create'],
    ['chuck some bananas on the shopping list would you', 'list.add'],
  ])('"%s" is %s, by the model, and a skill answers it', async (text, intent) => {
    const parsed = await post('/v1/nlu/parse', text);
    expect(parsed).toMatchObject({ stage: 'model', intent: { name: intent }, clarify: [] });
    const turn = await post('/v1/converse', text);
    expect(turn).toMatchObject({ handledBy: 'skill', intent: { name: intent } });
    expect(turn.upsell).toBeUndefined();
  });

  it('reads the list item and the reminder time from words no template has', async () => {
    const added = await post('/v1/converse', 'we need 6 cans of tuna put them on my shopping list');
    expect(added.intent).toMatchObject({
      name: 'list.add',
      slots: { item: '6 cans of tuna', list: 'shopping' },
    });
    const reminder = await post('/v1/nlu/parse', 'give me a shout at 9 about the boiler man');
    // 13:05 in London: 9 o'clock has passed today, so it is tomorrow's.
    expect(reminder.intent.slots).toMatchObject({ at: '2026-11-27T09:00' });
  });

  it('leaves what is not a free skill to the premium path', async () => {
    for (const text of ['play some jazz in the kitchen', 'email my boss that i am running late']) {
      const parsed = await post('/v1/nlu/parse', text);
      expect(parsed).toMatchObject({ intent: null, stage: null, clarify: [] });
    }
  });
});
