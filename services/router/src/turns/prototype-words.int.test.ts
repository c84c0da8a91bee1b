import { fixedClock } from '@hark/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestRouter, type TestRouter } from '../testing/test-router.js';

/**
 * Words that name members of Object.prototype, said by a user: tables looked up by user words
 * must not find "constructor" or "__proto__" in them ("what is a constructor" answered 500).
 */
const clock = fixedClock('2026-11-26T13:05:00Z');
let router: TestRouter;
let key: string;

beforeAll(async () => {
  router = await startTestRouter({}, { clock });
  key = await router.userWithKey('proto');
});
afterAll(() => router.close());

const TEXTS = [
  'what is a constructor',
  'constructor',
  'toString valueOf hasOwnProperty',
  '__proto__',
  'set a timer for 5 minutes called constructor',
  'what time is it in constructor',
  'add constructor and __proto__ to my list',
  'remind me to call constructor tomorrow at 9',
  'convert 5 constructor to tostring',
  'how many constructor in a hasOwnProperty',
  'what is the weather in constructor tomorrow',
  'what day is constructor',
  'set an alarm called constructor at 7',
  'create a constructor list',
  'delete the __proto__ list',
  'what is on my constructor list',
  'how long is left on the constructor timer',
];

describe('words of Object.prototype in what people say', () => {
  it.each(TEXTS)('"%s" is answered, not a 500', async (text) => {
    for (const url of ['/v1/nlu/parse', '/v1/converse']) {
      const response = await router.app.inject({
        method: 'POST',
        url,
        headers: bearer(key),
        payload: { text },
      });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    }
  });
});
