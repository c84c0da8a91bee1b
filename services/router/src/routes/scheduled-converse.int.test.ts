import { fixedClock } from '@hark/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestRouter, type TestRouter } from '../testing/test-router.js';

// Thursday 26 November 2026, 13:00 in Berlin.
const clock = fixedClock('2026-11-26T12:00:00Z');
let router: TestRouter;
let ada: string;
let bob: string;
let cy: string;

beforeAll(async () => {
  router = await startTestRouter({}, { clock });
  ada = await router.userWithKey('ada', 'Europe/Berlin');
  bob = await router.userWithKey('bob', 'Europe/Berlin');
  cy = await router.userWithKey('cy', 'Europe/Berlin');
});
afterAll(() => router.close());

const converse = async (key: string, text: string, sessionId?: string) => {
  const response = await router.app.inject({
    method: 'POST',
    url: '/v1/converse',
    headers: bearer(key),
    payload: { text, ...(sessionId ? { sessionId } : {}) },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

// The app's own scheduler, on the same fixed clock: claims and fires whatever is due now.
const runScheduler = () => router.app.scheduler.runDue();

describe('timers, alarms and reminders through /v1/converse', () => {
  it('asks which timer when two are running, and keeps the question in the session', async () => {
    expect((await converse(ada, 'set a pasta timer for 10 minutes')).reply.text).toBe(
      'Pasta timer set for 10 minutes.',
    );
    clock.advance(1_000);
    expect((await converse(ada, 'set an egg timer for 5 minutes')).reply.text).toBe(
      'Egg timer set for 5 minutes.',
    );
    const question = await converse(ada, 'pause the timer');
    expect(question).toMatchObject({
      handledBy: 'skill',
      intent: { name: 'timer.pause' },
      reply: { text: 'Which timer: pasta or egg?' },
      expectsReply: true,
    });
    const session = JSON.parse(
      (await router.testRedis.redis.get(router.keys.session('ada', question.sessionId))) ?? '{}',
    );
    const timers = (await router.app.scheduled.timers.list('ada')).map((timer) => timer.id);
    expect(session.pending).toMatchObject({ intent: 'timer.pause', slot: 'timer_id', kind: 'choice' });
    expect(session.pending.choices.map((choice: { value: string }) => choice.value)).toEqual(timers);
    const answered = await converse(ada, 'the egg one', question.sessionId);
    expect(answered).toMatchObject({
      intent: { name: 'timer.pause', slots: { timer_id: timers[1] } },
      reply: { text: 'Paused. Your egg timer is paused with 5 minutes left.' },
      expectsReply: false,
    });
    expect((await converse(ada, 'resume the egg timer')).reply.text).toBe(
      'Resumed. Your egg timer has 5 minutes left.',
    );
    expect((await converse(ada, 'pause the pasta timer')).reply.text).toBe(
      'Paused. Your pasta timer is paused with about 10 minutes left.',
    );
    expect((await converse(ada, 'how much time is left')).reply.text).toBe(
      'You have 2 timers: the egg timer with 5 minutes left and the pasta timer, paused with about 10 minutes left.',
    );
  });

  it('asks when a reminder is due, and takes "in 20 minutes" as the answer', async () => {
    const question = await converse(cy, 'remind me to call mom');
    expect(question).toMatchObject({ reply: { text: 'When should I remind you?' }, expectsReply: true });
    // 13:00 in Berlin now, so "in 20 minutes" is 13:20 Berlin time.
    const answered = await converse(cy, 'in 20 minutes', question.sessionId);
    expect(answered.reply.text).toBe("OK, I'll remind you today at 1:20 PM: call mom.");
    const [reminder] = await router.app.scheduled.reminders.list('cy');
    expect(reminder).toMatchObject({ text: 'call mom', dueAt: Date.parse('2026-11-26T12:20:00Z') });
  });

  it('"set a reminder for 3pm" is due at 3 PM, not 3 AM, and asks what to remind about', async () => {
    const dee = await router.userWithKey('dee', 'Europe/Berlin');
    const question = await converse(dee, 'set a reminder for 3pm');
    // 13:00 in Berlin now: 3 pm is still ahead today.
    expect(question).toMatchObject({
      intent: { name: 'reminder.create', slots: { at: '2026-11-26T15:00' } },
      reply: { text: 'What should I remind you about?' },
      expectsReply: true,
    });
    expect(question.intent.slots).not.toHaveProperty('text');
    const answered = await converse(dee, 'call mom', question.sessionId);
    expect(answered.reply.text).toBe("OK, I'll remind you today at 3:00 PM: call mom.");
    const [reminder] = await router.app.scheduled.reminders.list('dee');
    expect(reminder).toMatchObject({ text: 'call mom', dueAt: Date.parse('2026-11-26T14:00:00Z') });
    // 11 am has passed today, so it is tomorrow's.
    const morning = await converse(dee, 'set a reminder for 11 a.m. to water the plants');
    expect(morning.intent.slots).toEqual({ text: 'water the plants', at: '2026-11-27T11:00' });
  });

  it('"stop" silences a ringing alarm on every device, and "snooze" snoozes it', async () => {
    expect((await converse(bob, 'wake me up at 7 every weekday')).reply.text).toBe(
      'Alarm set for 7:00 AM on weekdays.',
    );
    clock.set('2026-11-27T06:00:00Z');
    await runScheduler();
    expect((await converse(bob, 'snooze')).reply.text).toBe('Snoozed for 9 minutes.');
    clock.set('2026-11-27T06:09:00Z');
    await runScheduler();
    const stop = await converse(bob, 'stop');
    expect(stop).toMatchObject({
      handledBy: 'skill',
      reply: { text: 'OK, stopped the 7:00 AM alarm.', speech: 'OK, stopped the 7:00 AM alarm.' },
      intent: { name: 'system.stop' },
    });
    const [alarm] = await router.app.scheduled.alarms.list('bob');
    expect(alarm).toMatchObject({ state: 'SCHEDULED', ringsAt: Date.parse('2026-11-30T06:00:00Z') });
    const events = await router.testRedis.redis.xrange(router.keys.events('bob'), '-', '+');
    expect(events.map(([, fields]) => fields[1])).toEqual([
      'alarm.set',
      'alarm.ringing',
      'alarm.snoozed',
      'alarm.ringing',
      'alarm.stopped',
    ]);
  });
});
