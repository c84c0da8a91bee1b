import { DateTime, IANAZone, Info, type Zone } from 'luxon';
import { HarkError } from './errors.js';

/**
 * Checking a zone builds an Intl.DateTimeFormat (about 0.1 ms), and every turn checks one; there are
 * only a few hundred zone names, so answers are remembered. Bounded, since callers pass any string.
 */
const ZONE_MEMO_LIMIT = 2_000;
const zoneValidity = new Map<string, boolean>();
const canonicalZones = new Map<string, string>();

function remember<T>(memo: Map<string, T>, key: string, value: T): T {
  if (memo.size >= ZONE_MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

export const isValidTimeZone = (zone: string): boolean =>
  zoneValidity.get(zone) ?? remember(zoneValidity, zone, IANAZone.isValidZone(zone));

/** "europe/paris" -> "Europe/Paris": the spelling the time zone database uses. */
export const canonicalTimeZone = (zone: string): string =>
  canonicalZones.get(zone) ??
  remember(
    canonicalZones,
    zone,
    new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone,
  );

/** The zone a request runs in: the request's own, else the user's stored default, else UTC. */
export function resolveTimeZone(
  requested: string | undefined,
  userDefault: string | null | undefined,
): string {
  if (requested !== undefined) {
    if (!isValidTimeZone(requested)) throw new HarkError('INVALID_TIMEZONE', { timezone: requested });
    return canonicalTimeZone(requested);
  }
  if (userDefault && isValidTimeZone(userDefault)) return userDefault;
  return 'UTC';
}

export const SUPPORTED_LANGUAGES = ['en'] as const;
export const DEFAULT_LOCALE = 'en-US';

/** Canonical BCP 47 locale, or a 400 naming the problem: malformed, or a language not supported yet. */
export function resolveLocale(requested: string | undefined): string {
  if (requested === undefined) return DEFAULT_LOCALE;
  let canonical: string;
  try {
    [canonical = DEFAULT_LOCALE] = Intl.getCanonicalLocales(requested);
  } catch {
    throw new HarkError('INVALID_LOCALE', { locale: requested });
  }
  const language = new Intl.Locale(canonical).language;
  if (!(SUPPORTED_LANGUAGES as readonly string[]).includes(language)) {
    throw new HarkError('UNSUPPORTED_LOCALE', {
      locale: requested,
      supported: SUPPORTED_LANGUAGES.join(', '),
    });
  }
  return canonical;
}

/**
 * An IANA zone that remembers its offset for the last second asked: luxon otherwise asks Intl for it
 * (a formatToParts call, several µs) each time a DateTime is made in the zone, and an offset never
 * changes within a second (the time zone database has no finer transitions; luxon drops the ms too).
 */
class RememberingZone extends IANAZone {
  private second = Number.NaN;
  private minutes = Number.NaN;

  override offset(ts: number): number {
    const second = Math.floor(ts / 1000);
    if (second !== this.second) {
      this.minutes = super.offset(ts);
      this.second = second;
    }
    return this.minutes;
  }
}

const luxonZones = new Map<string, Zone>();

/**
 * The luxon zone for a name, as `{ zone: name }` would give it, but an IANA zone remembers its
 * last offset (see RememberingZone). "UTC" and fixed offsets stay luxon's own (ISO output ends in Z).
 */
export function luxonZone(name: string): Zone {
  const known = luxonZones.get(name);
  if (known) return known;
  const zone = Info.normalizeZone(name);
  return remember(
    luxonZones,
    name,
    zone instanceof IANAZone && zone.isValid ? new RememberingZone(name) : zone,
  );
}

/** Per zone, the last minute given to localDateTime and its answer: every turn asks for the current one. */
const lastLocalMinute = new Map<string, { minute: number; text: string }>();

/** The wall-clock time of an instant in a zone, "YYYY-MM-DDTHH:MM": what the NLU resolves "tomorrow" against. */
export function localDateTime(instant: Date, timeZone: string): string {
  const minute = Math.floor(instant.getTime() / 60_000);
  const last = lastLocalMinute.get(timeZone);
  if (last?.minute === minute) return last.text;
  const local = DateTime.fromJSDate(instant, { zone: luxonZone(timeZone) });
  const text = local.toFormat("yyyy-LL-dd'T'HH:mm");
  // Only whole-minute offsets keep one UTC minute inside one local minute (all of today's do;
  // some historical local mean times did not).
  if (Number.isInteger(local.offset)) remember(lastLocalMinute, timeZone, { minute, text });
  return text;
}
