import type { Slots } from '@hark/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ScheduledKit, startScheduledKit } from '../scheduled/scheduled-kit.fixture.js';
import type { Skill } from '../skill.js';
import { testContext } from '../test-context.fixture.js';
import { createTimerSkill } from './timer-skill.js';

let kit: ScheduledKit;
let skill: Skill;
beforeEach(async () => {
  kit = await startScheduledKit({ timer: 3, alarm: 1, reminder: 1 });
  skill = createTimerSkill(kit.timers);
});
afterEach(() => kit.cleanup());

const say = (intent: Skill['intents'][number], slots: Slots = {}) =>
  skill.handle(intent, slots, testContext({ userId: 'ada', now: kit.clock.now(), deviceId: 'kitchen' }));
const replyTo = async (intent: Skill['intents'][number], slots: Slots = {}) =>
  (await say(intent, slots)).reply.text;

describe('timer skill', () => {
  it('asks "For how long?" when the duration is missing, and the answer starts the timer', async () => {
    const question = await say('timer.start', { name: 'pasta' });
    expect(question).toMatchObject({
      reply: { text: 'For how long?' },
      expectsReply: true,
      followUp: {
        intent: 'timer.start',
        slots: { name: 'pasta' },
        slot: 'duration_seconds',
        kind: 'duration',
      },
    });
    const answered = { ...question.followUp!.slots, [question.followUp!.slot]: 600 };
    const started = await say('timer.start', answered);
    expect(started.reply.text).toBe('Pasta timer set for 10 minutes.');
    expect(started.data?.timer).toMatchObject({ name: 'pasta', state: 'ON', deviceId: 'kitchen' });
    expect(await replyTo('timer.start', { duration_seconds: 90 })).toBe(
      'Timer set for 1 minute and 30 seconds.',
    );
  });

  it('says the time left with sensible rounding, one timer or several', async () => {
    await say('timer.start', { duration_seconds: 600, name: 'pasta' });
    kit.clock.advance(350_000);
    expect(await replyTo('timer.status')).toBe('Your pasta timer has about 4 minutes left.');
    expect(await replyTo('timer.status', { name: 'pasta' })).toBe(
      'Your pasta timer has about 4 minutes left.',
    );
    await say('timer.start', { duration_seconds: 300 });
    await say('timer.start', { duration_seconds: 5400, name: 'bread' });
    expect(await replyTo('timer.status')).toBe(
      'You have 3 timers: the pasta timer with about 4 minutes left, the 5 minute timer with 5 minutes left ' +
        'and the bread timer with 1 hour and 30 minutes left.',
    );
    kit.clock.advance(250_000 - 42_000);
    expect(await replyTo('timer.status', { name: 'pasta' })).toBe('Your pasta timer has 42 seconds left.');
    expect(await replyTo('timer.status', { name: 'rice' })).toBe("You don't have a rice timer.");
  });

  it('asks which timer when several fit, and the answer picks one by its id', async () => {
    await say('timer.start', { duration_seconds: 600, name: 'pasta' });
    kit.clock.advance(1_000); // candidates are offered in the order they were set
    await say('timer.start', { duration_seconds: 300, name: 'eggs' });
    const question = await say('timer.cancel');
    expect(question.reply.text).toBe('Which timer: pasta or eggs?');
    expect(question.followUp).toMatchObject({ intent: 'timer.cancel', slot: 'timer_id', kind: 'choice' });
    const [pasta, eggs] = question.followUp!.choices!;
    expect(pasta?.phrases).toEqual(
      expect.arrayContaining(['pasta', '10 minutes', '10 minute', 'ten minute']),
    );
    expect(eggs?.phrases).toEqual(expect.arrayContaining(['eggs', '5 minutes', 'five minute']));
    const answer = { ...question.followUp!.slots, timer_id: eggs!.value };
    expect(await replyTo('timer.cancel', answer)).toBe('Cancelled your eggs timer.');
    expect((await kit.timers.list('ada')).map((t) => [t.name, t.state])).toEqual([
      ['pasta', 'ON'],
      ['eggs', 'CANCELLED'],
    ]);
    // With one left, "cancel the timer" needs no question.
    expect(await replyTo('timer.cancel')).toBe('Cancelled your pasta timer.');
  });

  it('pauses the running one and resumes the paused one without asking', async () => {
    await say('timer.start', { duration_seconds: 600, name: 'pasta' });
    kit.clock.advance(1_000);
    await say('timer.start', { duration_seconds: 300, name: 'eggs' });
    expect(await replyTo('timer.pause', { name: 'eggs' })).toBe(
      'Paused. Your eggs timer is paused with 5 minutes left.',
    );
    kit.clock.advance(60_000);
    expect(await replyTo('timer.pause')).toBe(
      'Paused. Your pasta timer is paused with about 9 minutes left.',
    );
    expect(await replyTo('timer.pause', { name: 'pasta' })).toBe('Your pasta timer is already paused.');
    const which = await say('timer.resume');
    expect(which.reply.text).toBe('Which timer: pasta or eggs?');
    expect(await replyTo('timer.resume', { original_seconds: 300 })).toBe(
      'Resumed. Your eggs timer has 5 minutes left.',
    );
    expect(await replyTo('timer.resume', { name: 'eggs' })).toBe('Your eggs timer is already running.');
  });

  it('adds and removes time, and will not take off more than is left', async () => {
    await say('timer.start', { duration_seconds: 240, name: 'pasta' });
    expect(await replyTo('timer.add_time', { delta_seconds: 300 })).toBe(
      'Added 5 minutes. Your pasta timer has 9 minutes left.',
    );
    expect(await replyTo('timer.remove_time', { delta_seconds: 120 })).toBe(
      'Took off 2 minutes. Your pasta timer has 7 minutes left.',
    );
    expect(await replyTo('timer.remove_time', { delta_seconds: 600 })).toBe(
      'Your pasta timer only has 7 minutes left.',
    );
    const question = await say('timer.add_time', { name: 'pasta' });
    expect(question.followUp).toMatchObject({ slot: 'delta_seconds', kind: 'duration' });
  });

  it('stops a ringing timer on "stop the timer" before touching running ones', async () => {
    await say('timer.start', { duration_seconds: 60, name: 'eggs' });
    await say('timer.start', { duration_seconds: 600, name: 'pasta' });
    kit.clock.advance(60_000);
    await kit.scheduler.runDue();
    expect(await replyTo('timer.status')).toBe('Your pasta timer has 9 minutes left.');
    expect(await replyTo('timer.cancel')).toBe('Timer stopped.');
    expect(await replyTo('timer.cancel')).toBe('Cancelled your pasta timer.');
    expect(await replyTo('timer.status')).toBe("You don't have any timers running.");
  });

  it('cancels all, and says when the limit is reached', async () => {
    for (const seconds of [60, 120, 180]) await say('timer.start', { duration_seconds: seconds });
    expect(await replyTo('timer.start', { duration_seconds: 60 })).toBe(
      'You already have 3 timers running, the most you can have. Cancel one first.',
    );
    expect(await replyTo('timer.cancel_all')).toBe('Cancelled all 3 timers.');
    expect(await replyTo('timer.cancel_all')).toBe("You don't have any timers running.");
    expect(await replyTo('timer.start', { duration_seconds: 31 * 86_400 })).toBe(
      'Timers can run for at most 30 days.',
    );
  });
});
