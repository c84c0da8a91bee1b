import { describe, expect, it } from 'vitest';
import { testContext } from '../test-context.fixture.js';
import { thanksSkill } from './thanks-skill.js';

const answer = async (text?: string) =>
  thanksSkill.handle('system.thanks', {}, { ...testContext(), ...(text === undefined ? {} : { text }) });

describe('thanks skill', () => {
  it.each([
    ['thanks', "You're welcome."],
    ['Thank you!', "You're welcome."],
    ['cool thank you', "You're welcome."],
    ['cheers', "You're welcome."],
    ['ok', 'Okay.'],
    ['got it', 'Okay.'],
    ["that's all", 'Okay.'],
    ['great', 'Okay.'],
  ])('answers %j with %j and ends the session', async (text, reply) => {
    expect(await answer(text)).toEqual({
      reply: { text: reply, speech: reply },
      endSession: true,
      data: { sessionEnded: true },
    });
  });

  it('acknowledges when it does not know the words (a tool call)', async () => {
    expect((await answer()).reply.text).toBe('Okay.');
  });
});
