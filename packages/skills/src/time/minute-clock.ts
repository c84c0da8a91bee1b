import { luxonZone } from '@hark/core';
import { DateTime } from 'luxon';

/** What "what time is it" says, and the local time it puts in `data`. */
export interface LocalClock {
  /** The clock time as the locale says it: "2:05 PM", "14:05". */
  spoken: string;
  /** ISO 8601 with the zone's offset, milliseconds only when not zero: "2026-11-26T14:05:09.250+01:00". */
  iso: string;
}

interface MinuteClock {
  minute: number;
  spoken: string;
  /** The minute's ISO time around its seconds: "2026-11-26T14:05" and "+01:00". */
  beforeSeconds: string;
  afterSeconds: string;
}

/** Zone and locale pairs; bounded because callers pass any string. */
const LIMIT = 2_000;
const lastMinute = new Map<string, MinuteClock>();

/** The wall clock of an instant straight from luxon: Intl formatting, several µs. */
function clockFromLuxon(instant: number, timeZone: string, locale: string): { local: DateTime } & LocalClock {
  const local = DateTime.fromMillis(instant, { zone: luxonZone(timeZone), locale });
  return {
    local,
    spoken: local.toLocaleString(DateTime.TIME_SIMPLE),
    iso: local.toISO({ suppressMilliseconds: true }) ?? '',
  };
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/**
 * The local clock of an instant in a zone, in a locale: worked out with luxon once per minute per zone
 * and locale, then only the seconds change. Every "what time is it" asks for the current minute, and
 * Intl formatting was the biggest single cost of that turn after the Redis client. Exact as long as
 * the zone's offset is whole minutes (every offset in use today), since an offset can then change
 * only on a minute's boundary; any other minute is answered by luxon directly.
 */
export function localClock(instant: number, timeZone: string, locale: string): LocalClock {
  const minute = Math.floor(instant / 60_000);
  const key = `${timeZone} ${locale}`;
  const known = lastMinute.get(key);
  if (known?.minute === minute) {
    const sinceMinute = instant - minute * 60_000;
    const seconds = pad(Math.floor(sinceMinute / 1000), 2);
    const ms = sinceMinute % 1000;
    const fraction = ms === 0 ? '' : `.${pad(ms, 3)}`;
    return { spoken: known.spoken, iso: `${known.beforeSeconds}:${seconds}${fraction}${known.afterSeconds}` };
  }
  const start = clockFromLuxon(minute * 60_000, timeZone, locale);
  // At a UTC minute's start the local seconds are :00 unless the offset is not whole minutes (some
  // zones before 1972); and the seconds sit at a fixed place only for four-digit years.
  const cacheable = start.iso.slice(13, 19) === `:${pad(start.local.minute, 2)}:00`;
  if (!cacheable) {
    const { spoken, iso } = clockFromLuxon(instant, timeZone, locale);
    return { spoken, iso };
  }
  if (lastMinute.size >= LIMIT && !known) lastMinute.clear();
  lastMinute.set(key, {
    minute,
    spoken: start.spoken,
    beforeSeconds: start.iso.slice(0, 16),
    afterSeconds: start.iso.slice(19),
  });
  return localClock(instant, timeZone, locale);
}
