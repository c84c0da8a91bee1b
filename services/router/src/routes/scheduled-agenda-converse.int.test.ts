import { fixedClock } from '@hark/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestRouter, type TestRouter } from '../testing/test-router.js';

// Tuesday 10 March 2026, 10:00 in New York.
const clock = fixedClock('2026-03-10T14:00:00Z');
let router: TestRouter;

beforeAll(async () => {
  router = await startTestRouter({}, { clock });
});
afterAll(() => router.close());

/** A user of their own per test, and what they say, from a device when given. */
async function userSaying(id: string) {
  const key = await router.userWithKey(id, 'America/New_York');
  return async (text: string, deviceId?: string, sessionId?: string) => {
    const response = await router.app.inject({
      method: 'POST',
      url: '/v1/converse',
      headers: bearer(key),
      payload: { text, ...(deviceId ? { deviceId } : {}), ...(sessionId ? { sessionId } : {}) },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
}

describe('the next alarm and reminder through /v1/converse', () => {
  it('tells when the alarm goes off, and whether one is set for a day', async () => {
    const say = await userSaying('ada');
    expect((await say('wake me up at 7 every weekday')).reply.text).toBe(
      'Alarm set for 7:00 AM on weekdays.',
    );
    const next = await say('when does my alarm go off');
    expect(next).toMatchObject({
      intent: { name: 'alarm.list', slots: { which: 'next' } },
      reply: { text: 'Your next alarm is at 7:00 AM tomorrow, in 21 hours.' },
    });
    expect((await say('what time is my alarm set for')).reply.text).toBe(
      'Your next alarm is at 7:00 AM tomorrow, in 21 hours.',
    );
    expect((await say("what's my next alarm")).intent.slots).toEqual({ which: 'next' });
    const tomorrow = await say('is my alarm set for tomorrow');
    expect(tomorrow).toMatchObject({
      intent: { slots: { day: '2026-03-11' } },
      reply: { text: 'You have one alarm tomorrow: 7:00 AM.' },
    });
    expect((await say('is my alarm set for saturday')).reply.text).toBe(
      "You don't have any alarms on Saturday.",
    );
  });

  it('tells the next reminder, and the reminders of a day', async () => {
    const say = await userSaying('bob');
    expect((await say('remind me to call mom at 5 pm')).reply.text).toBe(
      "OK, I'll remind you today at 5:00 PM: call mom.",
    );
    expect((await say('remind me to pay the rent tomorrow at 9 am')).reply.text).toBe(
      "OK, I'll remind you tomorrow at 9:00 AM: pay the rent.",
    );
    expect((await say('any reminders today')).reply.text).toBe(
      'You have one reminder today: call mom at 5:00 PM.',
    );
    expect((await say("what's my next reminder")).reply.text).toBe(
      'Your next reminder is call mom, today at 5:00 PM, in 7 hours.',
    );
    expect((await say('do i have any reminders tomorrow')).reply.text).toBe(
      'You have one reminder tomorrow: pay the rent at 9:00 AM.',
    );
  });
});

describe('timers and alarms by room through /v1/converse', () => {
  it('finds timers by the room they are named for or were set in', async () => {
    const say = await userSaying('cy');
    expect((await say('set a kitchen timer for 5 minutes', 'bedroom-speaker')).reply.text).toBe(
      'Kitchen timer set for 5 minutes.',
    );
    expect((await say('set a timer for 10 minutes', 'Bedroom Echo')).reply.text).toBe(
      'Timer set for 10 minutes.',
    );
    expect((await say('kitchen timer 10 minutes')).reply.text).toBe('Kitchen timer set for 10 minutes.');
    const which = await say('how long left on the timer in the bedroom');
    expect(which.intent).toMatchObject({ name: 'timer.status', slots: { room: 'bedroom' } });
    expect(which.reply.text).toMatch(/^You have 2 timers: /);
    const cancelled = await say('cancel the kitchen timer');
    expect(cancelled).toMatchObject({
      intent: { slots: { room: 'kitchen' } },
      // Timers made in the same millisecond come in no fixed order.
      reply: {
        text: expect.stringMatching(/^Which timer: (5|10) minute kitchen or (10|5) minute kitchen\?$/),
      },
    });
    expect((await say('the 5 minute one', undefined, cancelled.sessionId)).reply.text).toBe(
      'Cancelled your kitchen timer.',
    );
    expect((await say('cancel the 10 minute timer in the bedroom')).reply.text).toBe(
      'Cancelled your 10 minute timer.',
    );
    expect((await say('how much time is left on the kitchen timer')).reply.text).toBe(
      'Your kitchen timer has 10 minutes left.',
    );
  });

  it('sets the bedroom alarm, and turns off the one in the kids room', async () => {
    const say = await userSaying('dee');
    expect((await say('set the bedroom alarm for 7')).reply.text).toBe(
      'Bedroom alarm set for 7:00 AM tomorrow.',
    );
    expect((await say('set an alarm for 6:30', 'kids-room-dot')).reply.text).toBe(
      'Alarm set for 6:30 AM tomorrow.',
    );
    const off = await say('turn off the alarm in the kids room');
    expect(off).toMatchObject({
      intent: { name: 'alarm.cancel', slots: { room: 'kids room' } },
      reply: { text: 'Cancelled your 6:30 AM alarm tomorrow.' },
    });
    expect((await say('what alarms do i have')).reply.text).toBe(
      'You have one alarm: bedroom at 7:00 AM tomorrow.',
    );
  });
});
