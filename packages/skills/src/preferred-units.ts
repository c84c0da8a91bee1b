import type { Profile, Units } from '@hark/contracts';

/** Countries that measure in Fahrenheit, miles and inches. */
const IMPERIAL_REGIONS = new Set(['US', 'LR', 'MM']);

/** The region of a BCP 47 locale ("en-GB" -> "GB"), undefined when it names none ("en"). */
export function localeRegion(locale: string): string | undefined {
  try {
    return new Intl.Locale(locale).region;
  } catch {
    return undefined;
  }
}

/** The user's units: the profile's choice, else what the locale's country uses. */
export function preferredUnits(profile: Profile, locale: string): Units {
  if (profile.units) return profile.units;
  const region = localeRegion(locale);
  return region && IMPERIAL_REGIONS.has(region) ? 'imperial' : 'metric';
}
