import { fixedClock } from '@hark/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestRouter, type TestRouter } from '../testing/test-router.js';

const clock = fixedClock('2026-11-26T13:05:00Z');
let router: TestRouter;
let key: string;

beforeAll(async () => {
  router = await startTestRouter({}, { clock });
  key = await router.userWithKey('ada');
});
afterAll(() => router.close());

const say = (text: string, sessionId?: string) => router.converse(key, text, sessionId);

describe('follow-up questions through /v1/converse', () => {
  it('"set a timer" -> "For how long?" -> "ten minutes" starts a 10-minute timer', async () => {
    const question = await say('set a timer');
    expect(question).toMatchObject({
      handledBy: 'skill',
      expectsReply: true,
      intent: { name: 'timer.start', slots: {} },
    });
    expect(question.reply.text).toMatch(/how long/i);
    const answer = await say('ten minutes', question.sessionId);
    expect(answer).toMatchObject({
      intent: { name: 'timer.start', slots: { duration_seconds: 600 } },
      expectsReply: false,
    });
    expect(answer.data.timer).toMatchObject({ durationSeconds: 600, state: 'ON' });
  });

  it('"set an alarm" -> "For what time?" -> "half past six" sets a 06:30 alarm', async () => {
    const question = await say('set an alarm');
    expect(question.expectsReply).toBe(true);
    expect(question.reply.text).toMatch(/what time/i);
    const answer = await say('half past six', question.sessionId);
    expect(answer.intent).toMatchObject({ name: 'alarm.set', slots: { time: '06:30' } });
    expect(answer.data.alarm).toMatchObject({ time: '06:30' });
  });

  it('"remind me" asks what, then when, then creates the reminder', async () => {
    const what = await say('remind me');
    expect(what.expectsReply).toBe(true);
    const when = await say('call mom', what.sessionId);
    expect(when.expectsReply).toBe(true);
    const done = await say('in 20 minutes', what.sessionId);
    expect(done.expectsReply).toBe(false);
    expect(done.data.reminder).toMatchObject({ text: 'call mom' });
  });

  it('a new request drops the pending question', async () => {
    const question = await say('set a timer');
    const other = await say('what time is it', question.sessionId);
    expect(other.intent.name).toBe('time.get');
    const later = await say('ten minutes', question.sessionId);
    expect(later.intent).toBeNull();
  });

  it('"never mind" ends the question and the session', async () => {
    const question = await say('set a timer');
    const cancelled = await say('never mind', question.sessionId);
    expect(cancelled.intent.name).toBe('system.nevermind');
    const timers = await router.app.inject({ url: '/v1/timers', headers: bearer(key) });
    const before = timers.json().timers.length;
    await say('five minutes', question.sessionId);
    expect((await router.app.inject({ url: '/v1/timers', headers: bearer(key) })).json().timers.length).toBe(
      before,
    );
  });

  it('the question expires after a minute', async () => {
    const question = await say('set a timer');
    clock.advance(61_000);
    const late = await say('ten minutes', question.sessionId);
    expect(late.intent).toBeNull();
  });
});
