import { describe, expect, it } from 'vitest';
import { chooseDay, type Forecast, placeToday, toForecast } from './forecast.js';
import type { ForecastResponse } from './open-meteo-schemas.js';

const dates = [
  '2026-11-26',
  '2026-11-27',
  '2026-11-28',
  '2026-11-29',
  '2026-11-30',
  '2026-12-01',
  '2026-12-02',
];

function response(overrides: Partial<ForecastResponse['daily']> = {}): ForecastResponse {
  const seven = <T>(value: T) => dates.map(() => value);
  return {
    latitude: 48.86,
    longitude: 2.35,
    utc_offset_seconds: 3600,
    timezone: 'Europe/Paris',
    current: {
      time: '2026-11-26T14:00',
      temperature_2m: 12.3,
      apparent_temperature: 10.1,
      precipitation: 0,
      weather_code: 2,
      wind_speed_10m: 11.2,
      relative_humidity_2m: 71,
    },
    daily: {
      time: dates,
      weather_code: seven(3),
      temperature_2m_max: seven(14),
      temperature_2m_min: seven(6),
      precipitation_sum: seven(0),
      precipitation_probability_max: seven(10),
      wind_speed_10m_max: seven(20),
      ...overrides,
    },
  };
}

const now = new Date('2026-11-26T13:05:00Z');

describe('toForecast', () => {
  it('names the conditions and keeps days whose core values are known', () => {
    const forecast = toForecast(
      response({
        temperature_2m_max: [14, null, 14, 14, 14, 14, 14],
        precipitation_sum: [null, 0, 0, 0, 0, 0, 0],
      }),
    );
    expect(forecast.current).toMatchObject({
      temperature: 12.3,
      feelsLike: 10.1,
      conditions: 'partly cloudy skies',
    });
    expect(forecast.daily.map((day) => day.date)).toEqual(dates.filter((date) => date !== '2026-11-27'));
    expect(forecast.daily[0]).toMatchObject({
      conditions: 'overcast skies',
      precipitation: 0,
      high: 14,
      low: 6,
    });
  });
});

describe('chooseDay', () => {
  const forecast: Forecast = toForecast(response());

  it('reads no day and "today" as today at the place, with current conditions', () => {
    for (const day of [undefined, 'today']) {
      expect(chooseDay(day, forecast, now)).toMatchObject({ kind: 'day', when: 'today', includesNow: true });
    }
  });

  it('says tomorrow and weekdays', () => {
    expect(chooseDay('tomorrow', forecast, now)).toMatchObject({
      kind: 'day',
      when: 'tomorrow',
      includesNow: false,
      day: { date: '2026-11-27' },
    });
    expect(chooseDay('2026-11-28', forecast, now)).toMatchObject({
      when: 'on Saturday',
      day: { date: '2026-11-28' },
    });
  });

  it('refuses the past and days beyond the forecast', () => {
    expect(chooseDay('2026-11-25', forecast, now)).toEqual({ kind: 'past', date: '2026-11-25' });
    expect(chooseDay('2026-12-03', forecast, now)).toEqual({
      kind: 'beyond',
      date: '2026-12-03',
      lastDate: '2026-12-02',
    });
  });

  it("uses the place's own date: late evening in New York is already tomorrow in Tokyo", () => {
    expect(placeToday(new Date('2026-11-26T20:00:00Z'), 9 * 3600)).toBe('2026-11-27');
    expect(placeToday(new Date('2026-11-26T20:00:00Z'), -5 * 3600)).toBe('2026-11-26');
  });
});
