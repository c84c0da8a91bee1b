import { describe, expect, it } from 'vitest';
import { testContext } from '../test-context.fixture.js';
import { resolvePlace } from './city-zones.js';
import { dateSkill } from './date-skill.js';
import { timeSkill } from './time-skill.js';

const context = testContext;

describe('resolvePlace', () => {
  it.each([
    ['tokyo', 'Asia/Tokyo', 'Tokyo'],
    ['Tokyo', 'Asia/Tokyo', 'Tokyo'],
    ['london', 'Europe/London', 'London'],
    ['london canada', 'America/Toronto', 'London'],
    ['new york', 'America/New_York', 'New York'],
    ['new york city', 'America/New_York', 'New York'],
    ['nyc', 'America/New_York', 'New York'],
    ['mexico city', 'America/Mexico_City', 'Mexico City'],
    ['quebec city', 'America/Montreal', 'Québec'],
    ['kiev', 'Europe/Kyiv', 'Kyiv'],
    ['portland oregon', 'America/Los_Angeles', 'Portland'],
    ['portland maine', 'America/New_York', 'Portland'],
    ['são paulo', 'America/Sao_Paulo', 'Sao Paulo'],
    ['sao paulo', 'America/Sao_Paulo', 'Sao Paulo'],
    ['zurich', 'Europe/Zurich', 'Zürich'],
    ['japan', 'Asia/Tokyo', 'Japan'],
    ['the uk', 'Europe/London', 'United Kingdom'],
    ['europe/paris', 'Europe/Paris', 'Europe/Paris'],
    ['UTC', 'UTC', 'UTC'],
  ])('%s -> %s', (spoken, timeZone, name) => {
    expect(resolvePlace(spoken)).toEqual({ timeZone, name });
  });

  it('returns null for places it does not know', () => {
    expect(resolvePlace('atlantis under the sea')).toBeNull();
    expect(resolvePlace('')).toBeNull();
  });
});

describe('time skill', () => {
  it('tells the local time in the user zone', async () => {
    const result = await timeSkill.handle('time.get', {}, context({ timeZone: 'Europe/Paris' }));
    expect(result.reply.text).toBe("It's 2:05 PM.");
    expect(result.data).toMatchObject({ timeZone: 'Europe/Paris', localTime: '2026-11-26T14:05:00+01:00' });
  });

  it('tells the time elsewhere and notes a different day', async () => {
    const late = context({ now: new Date('2026-11-26T20:00:00Z'), timeZone: 'America/New_York' });
    const result = await timeSkill.handle('time.get', { location: 'tokyo' }, late);
    expect(result.reply.text).toBe("It's 5:00 AM tomorrow, Friday in Tokyo.");
    expect(result.data).toMatchObject({ timeZone: 'Asia/Tokyo', utcOffsetMinutes: 540, resolved: true });
  });

  it('uses the 24-hour clock where the locale does', async () => {
    const result = await timeSkill.handle('time.get', { location: 'tokyo' }, context({ locale: 'en-GB' }));
    expect(result.reply.text).toBe("It's 22:05 in Tokyo.");
  });

  it('is honest about unknown places', async () => {
    const result = await timeSkill.handle('time.get', { location: 'narnia' }, context());
    expect(result.reply.text).toContain("I don't know where narnia is");
    expect(result.data).toMatchObject({ resolved: false });
  });

  it('follows daylight saving time', async () => {
    const summer = context({ now: new Date('2026-07-01T12:00:00Z') });
    expect((await timeSkill.handle('time.get', { location: 'paris' }, summer)).reply.text).toBe(
      "It's 2:00 PM in Paris.",
    );
  });
});

describe('date skill', () => {
  it('says the date in the user zone', async () => {
    const result = await dateSkill.handle('date.get', {}, context({ timeZone: 'Pacific/Kiritimati' }));
    expect(result.reply.text).toBe('Today is Friday, November 27, 2026.');
    expect(result.data).toEqual({ timeZone: 'Pacific/Kiritimati', date: '2026-11-27' });
  });
});
