import { fixedClock } from '@hark/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestRouter, type TestRouter } from '../testing/test-router.js';

// Tuesday 10 March 2026, 10:00 in New York (daylight time since Sunday).
const clock = fixedClock('2026-03-10T14:00:00Z');
let router: TestRouter;
let ada: string;

beforeAll(async () => {
  router = await startTestRouter({}, { clock });
  ada = await router.userWithKey('ada', 'America/New_York');
});
afterAll(() => router.close());

const converse = async (text: string, sessionId?: string) => {
  const response = await router.app.inject({
    method: 'POST',
    url: '/v1/converse',
    headers: bearer(ada),
    payload: { text, ...(sessionId ? { sessionId } : {}) },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

describe('dates of other days and holidays through /v1/converse', () => {
  it.each([
    ['what day is christmas on', 'Christmas falls on a Friday this year, December 25.'],
    ["what's the date next friday", 'Friday is March 13, 2026.'],
    ['date next friday', 'Friday is March 13, 2026.'],
    ['what day is the 14th', 'March 14, 2026 is a Saturday.'],
    ["what's the date on saturday", 'Saturday is March 14, 2026.'],
    ['when is thanksgiving this year', 'Thanksgiving is on Thursday, November 26, 2026.'],
    ['how many days until thanksgiving', 'Thanksgiving is in 261 days, on Thursday, November 26, 2026.'],
    ['how many days till christmas', 'Christmas is in 290 days, on Friday, December 25, 2026.'],
    ['how many days until friday', 'There are 3 days until Friday, March 13, 2026.'],
    ['what is the date of easter', 'Easter is on Sunday, April 5, 2026.'],
    ["when is st patrick's day", "St. Patrick's Day is on Tuesday, March 17, 2026."],
  ])('"%s" -> %s', async (text, reply) => {
    const body = await converse(text);
    expect(body).toMatchObject({ handledBy: 'skill', intent: { name: 'date.get' }, reply: { text: reply } });
  });

  it("still answers today's date with no slots", async () => {
    const body = await converse("what's the date today");
    expect(body).toMatchObject({
      intent: { slots: {} },
      reply: { text: 'Today is Tuesday, March 10, 2026.' },
    });
  });
});

describe('the time in countries and states through /v1/converse', () => {
  it.each([
    ['time in germany', 'germany', "It's 3:00 PM in Germany."],
    ['what time is it in texas', 'texas', "It's 9:00 AM in Texas (Central time)."],
    ['time in japan', 'japan', "It's 11:00 PM in Japan."],
    ['what time is it in california', 'california', "It's 7:00 AM in California."],
  ])('"%s"', async (text, location, reply) => {
    const body = await converse(text);
    expect(body).toMatchObject({ intent: { name: 'time.get', slots: { location } }, reply: { text: reply } });
  });

  it('asks which part of Australia, and answers for the part named', async () => {
    const question = await converse('time in australia');
    expect(question).toMatchObject({
      intent: { name: 'time.get', slots: { location: 'australia' } },
      reply: { text: 'Which part of Australia: Eastern, Central or Western?' },
      expectsReply: true,
    });
    const answer = await converse('perth', question.sessionId);
    expect(answer).toMatchObject({
      intent: { name: 'time.get', slots: { location: 'western australia' } },
      reply: { text: "It's 10:00 PM in Western Australia." },
      expectsReply: false,
    });
  });

  it('asks which part of the US, and takes a zone as the answer', async () => {
    const question = await converse('what time is it in the us');
    expect(question.reply.text).toBe('Which part of the US: Eastern, Central, Mountain or Pacific time?');
    const answer = await converse('pacific please', question.sessionId);
    expect(answer.reply.text).toBe("It's 7:00 AM in the US (Pacific time).");
  });
});

describe('fractions and short forms through /v1/converse', () => {
  it('sets a timer for "1/2 an hour" and a reminder for "tmrw"', async () => {
    expect((await converse('set a timer for 1/2 an hour')).reply.text).toBe('Timer set for 30 minutes.');
    expect((await converse('timer 90s')).reply.text).toBe('Timer set for 1 minute and 30 seconds.');
    const reminder = await converse('remind me to water the plants tmrw at 8 am');
    expect(reminder).toMatchObject({
      intent: { name: 'reminder.create', slots: { text: 'water the plants', at: '2026-03-11T08:00' } },
      reply: { text: "OK, I'll remind you tomorrow at 8:00 AM: water the plants." },
    });
  });
});
