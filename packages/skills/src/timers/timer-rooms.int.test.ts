import type { Slots } from '@hark/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ScheduledKit, startScheduledKit } from '../scheduled/scheduled-kit.fixture.js';
import type { Skill } from '../skill.js';
import { testContext } from '../test-context.fixture.js';
import { createTimerSkill } from './timer-skill.js';

let kit: ScheduledKit;
let skill: Skill;
beforeEach(async () => {
  kit = await startScheduledKit({ timer: 5, alarm: 1, reminder: 1 });
  skill = createTimerSkill(kit.timers);
});
afterEach(() => kit.cleanup());

const say = (intent: Skill['intents'][number], slots: Slots = {}, deviceId: string | null = null) =>
  skill.handle(intent, slots, testContext({ userId: 'ada', now: kit.clock.now(), deviceId }));
const replyTo = async (intent: Skill['intents'][number], slots: Slots = {}, deviceId: string | null = null) =>
  (await say(intent, slots, deviceId)).reply.text;

describe('timer skill: rooms', () => {
  it('picks the timer of a room: named so, or set on a device there', async () => {
    await say('timer.start', { duration_seconds: 300, name: 'kitchen' }, 'bedroom-speaker');
    await say('timer.start', { duration_seconds: 600 }, 'Bedroom Echo');
    await say('timer.start', { duration_seconds: 900 }, 'living-room');
    expect(await replyTo('timer.status', { room: 'kitchen' })).toBe('Your kitchen timer has 5 minutes left.');
    expect(await replyTo('timer.status', { room: 'living room' })).toBe(
      'Your 15 minute timer has 15 minutes left.',
    );
    expect(await replyTo('timer.cancel', { room: 'garage' })).toBe("You don't have a timer in the garage.");
    const question = await say('timer.cancel', { room: 'bedroom' });
    // Timers made in the same millisecond are listed in no fixed order.
    expect(question.reply.text).toMatch(/^Which timer: (kitchen or 10 minutes|10 minutes or kitchen)\?$/);
    expect(await replyTo('timer.cancel', { room: 'living room' })).toBe('Cancelled your 15 minute timer.');
  });

  it('"stop the kitchen timer" stops the one ringing in the kitchen only', async () => {
    await say('timer.start', { duration_seconds: 60 }, 'kitchen');
    await say('timer.start', { duration_seconds: 60 }, 'office');
    kit.clock.advance(60_000);
    await kit.scheduler.runDue();
    const stopped = await say('timer.cancel', { room: 'kitchen' });
    expect(stopped.reply.text).toBe('Timer stopped.');
    const timers = await kit.timers.list('ada');
    const ringing = timers.filter((timer) => timer.stoppedAt === null).map((timer) => timer.deviceId);
    expect(ringing).toEqual(['office']);
  });
});
