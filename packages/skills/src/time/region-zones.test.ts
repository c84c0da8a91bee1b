import { isValidTimeZone } from '@hark/core';
import { describe, expect, it } from 'vitest';
import { testContext } from '../test-context.fixture.js';
import { resolvePlace } from './city-zones.js';
import { splitRegion } from './split-regions.js';
import { timeSkill } from './time-skill.js';

describe('resolvePlace: countries, states and provinces', () => {
  it.each([
    ['germany', 'Europe/Berlin', 'Germany'],
    ['japan', 'Asia/Tokyo', 'Japan'],
    ['california', 'America/Los_Angeles', 'California'],
    ['new york state', 'America/New_York', 'New York'],
    ['georgia', 'America/New_York', 'Georgia'],
    ['arizona', 'America/Phoenix', 'Arizona'],
    ['washington dc', 'America/New_York', 'Washington DC'],
    ['dc', 'America/New_York', 'Washington DC'],
    ['alberta', 'America/Edmonton', 'Alberta'],
    ['saskatchewan', 'America/Regina', 'Saskatchewan'],
    ['queensland', 'Australia/Brisbane', 'Queensland'],
    ['victoria', 'Australia/Melbourne', 'Victoria'],
    ['western australia', 'Australia/Perth', 'Western Australia'],
    ['china', 'Asia/Shanghai', 'China'],
    ['india', 'Asia/Kolkata', 'India'],
    ['spain', 'Europe/Madrid', 'Spain'],
    ['new zealand', 'Pacific/Auckland', 'New Zealand'],
    ['south africa', 'Africa/Johannesburg', 'South Africa'],
  ])('%s -> %s', (spoken, timeZone, name) => {
    expect(resolvePlace(spoken)).toEqual({ timeZone, name });
  });

  it.each([
    ['texas', 'America/Chicago', 'Texas', 'Central time'],
    ['Florida', 'America/New_York', 'Florida', 'Eastern time'],
    ['ontario', 'America/Toronto', 'Ontario', 'Eastern time'],
    ['russia', 'Europe/Moscow', 'Russia', 'Moscow time'],
    ['brazil', 'America/Sao_Paulo', 'Brazil', 'Brasília time'],
    ['mexico', 'America/Mexico_City', 'Mexico', 'Central time'],
    ['us eastern', 'America/New_York', 'the US', 'Eastern time'],
    ['the west coast', 'America/Los_Angeles', 'the US', 'Pacific time'],
  ])('%s -> %s, saying which zone', (spoken, timeZone, name, zoneName) => {
    expect(resolvePlace(spoken)).toEqual({ timeZone, name, zoneName });
  });

  it('knows every place it may ask about, in a real zone', () => {
    for (const country of ['us', 'canada', 'australia']) {
      for (const { value } of splitRegion(country)!.choices) {
        const place = resolvePlace(String(value));
        expect(place, String(value)).not.toBeNull();
        expect(isValidTimeZone(place!.timeZone), place!.timeZone).toBe(true);
      }
    }
  });
});

describe('time skill: countries and states', () => {
  // 13:05 UTC on Thursday 26 November 2026.
  const context = testContext();

  it('says which zone it answers for in a state with several', async () => {
    const result = await timeSkill.handle('time.get', { location: 'texas' }, context);
    expect(result.reply.text).toBe("It's 7:05 AM in Texas (Central time).");
  });

  it('answers for a country with one zone', async () => {
    const result = await timeSkill.handle('time.get', { location: 'germany' }, context);
    expect(result.reply.text).toBe("It's 2:05 PM in Germany.");
  });

  it('asks which part of the US, and the answer resolves to that zone', async () => {
    const question = await timeSkill.handle('time.get', { location: 'the us' }, context);
    expect(question).toMatchObject({
      reply: { text: 'Which part of the US: Eastern, Central, Mountain or Pacific time?' },
      expectsReply: true,
      followUp: { intent: 'time.get', slots: { location: 'the us' }, slot: 'location', kind: 'choice' },
    });
    const pacific = question.followUp!.choices!.find((choice) => choice.phrases.includes('california'))!;
    const answer = await timeSkill.handle('time.get', { location: pacific.value }, context);
    expect(answer.reply.text).toBe("It's 5:05 AM in the US (Pacific time).");
  });

  it.each([
    ['canada', 'Which part of Canada: Pacific, Mountain, Central, Eastern, Atlantic or Newfoundland time?'],
    ['australia', 'Which part of Australia: Eastern, Central or Western?'],
    ['united states of america', 'Which part of the US: Eastern, Central, Mountain or Pacific time?'],
  ])('asks about %s', async (location, question) => {
    expect((await timeSkill.handle('time.get', { location }, context)).reply.text).toBe(question);
  });
});
