import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDefaultSkills, type SkillRegistry } from './registry.js';
import { type ScheduledKit, startScheduledKit } from './scheduled/scheduled-kit.fixture.js';
import { skillKeys } from './skill-keys.js';
import { testContext } from './test-context.fixture.js';

let kit: ScheduledKit;
let registry: SkillRegistry;
beforeEach(async () => {
  kit = await startScheduledKit();
  registry = createDefaultSkills({
    redis: kit.redis,
    keys: skillKeys(kit.space),
    clock: kit.clock,
    scheduled: kit,
  });
});
afterEach(() => kit.cleanup());

const stop = () =>
  registry
    .skillFor('system.stop')!
    .handle('system.stop', {}, testContext({ userId: 'ada', now: kit.clock.now() }));

describe('"stop" in the default skills', () => {
  it('silences a ringing alarm and a timer that just finished, says so, and ends the session', async () => {
    const alarm = await kit.alarms.create('ada', { time: '12:01', timeZone: 'UTC' });
    const timer = await kit.timers.start('ada', { durationSeconds: 60 });
    const running = await kit.timers.start('ada', { durationSeconds: 600 });
    kit.clock.advance(60_000);
    await kit.scheduler.runDue();
    const result = await stop();
    expect(result).toMatchObject({ endSession: true });
    expect(result.reply.text).toBe('OK, stopped the 12:01 PM alarm and the 1 minute timer.');
    expect((result.data!.stopped as string[]).sort()).toEqual([alarm.id, timer.id].sort());
    expect((await kit.alarms.get('ada', alarm.id))?.state).toBe('DONE');
    expect((await kit.timers.get('ada', timer.id))?.stoppedAt).not.toBeNull();
    expect((await kit.timers.get('ada', running.id))?.state).toBe('ON');
  });

  it('only ends the session when nothing rings', async () => {
    const alarm = await kit.alarms.create('ada', { time: '12:01', timeZone: 'UTC' });
    expect(await stop()).toEqual({
      reply: { text: 'Stopped.', speech: 'Stopped.' },
      endSession: true,
      data: { sessionEnded: true },
    });
    expect((await kit.alarms.get('ada', alarm.id))?.state).toBe('SCHEDULED');
  });
});
