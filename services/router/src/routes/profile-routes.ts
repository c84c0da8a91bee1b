import {
  errorResponseSchema,
  type Profile,
  type ProfileLocation,
  type ProfilePatch,
  profilePatchSchema,
  profileSchema,
} from '@hark/contracts';
import { canonicalTimeZone, DEFAULT_LOCALE, HarkError, isValidTimeZone, resolveLocale } from '@hark/core';
import type { ProfileStore } from '@hark/profiles';
import { findPlace, localeRegion, type OpenMeteoClient, WeatherUnavailableError } from '@hark/skills';
import { currentUser } from '@hark/users';
import type { FastifyBaseLogger } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export interface ProfileRouteOptions {
  profiles: ProfileStore;
  /** Looks up `{"location": {"name": "Paris"}}`; the weather skill's Open-Meteo client. */
  geocoder: Pick<OpenMeteoClient, 'searchPlaces'>;
}

const profile = { tags: ['profile'], security: [{ apiKey: [] }] };

function validTimeZone(timezone: string | null | undefined): string | null | undefined {
  if (timezone === undefined || timezone === null) return timezone;
  if (!isValidTimeZone(timezone)) throw new HarkError('INVALID_TIMEZONE', { timezone });
  return canonicalTimeZone(timezone);
}

const validLocale = (locale: string | null | undefined) =>
  locale === undefined || locale === null ? locale : resolveLocale(locale);

/**
 * A complete location is stored as given; a name alone is geocoded (Open-Meteo, ranked by
 * population and the user's country, like weather requests). Unknown names are a 400;
 * an unreachable geocoder a 503, since nothing is stored.
 */
async function resolveLocation(
  location: ProfilePatch['location'],
  geocoder: ProfileRouteOptions['geocoder'],
  locale: string,
  log: FastifyBaseLogger,
): Promise<ProfileLocation | null | undefined> {
  if (location === undefined || location === null || 'latitude' in location) return location;
  try {
    const place = await findPlace((name) => geocoder.searchPlaces(name), location.name, localeRegion(locale));
    if (!place) throw new HarkError('UNKNOWN_LOCATION', { name: location.name });
    const { spokenName: name, latitude, longitude, countryCode } = place;
    return { name, latitude, longitude, ...(countryCode ? { countryCode: countryCode.toUpperCase() } : {}) };
  } catch (error) {
    if (!(error instanceof WeatherUnavailableError)) throw error;
    log.warn({ api: error.api, reason: error.reason }, 'geocoding unavailable for a profile location');
    throw new HarkError('UNAVAILABLE');
  }
}

/** GET and PATCH /v1/profile: the defaults time, alarms, weather and units use when a request does not say. */
export const profileRoutes: FastifyPluginAsyncZod<ProfileRouteOptions> = async (app, options) => {
  app.get(
    '/v1/profile',
    {
      schema: {
        ...profile,
        summary: "The user's defaults: time zone, location, units and locale",
        response: { 200: profileSchema, 401: errorResponseSchema },
      },
    },
    async (request) => options.profiles.get(currentUser(request).id),
  );

  app.patch(
    '/v1/profile',
    {
      schema: {
        ...profile,
        summary: 'Change some defaults; null clears a field',
        description:
          'A location is `{name, latitude, longitude, countryCode?}`, or `{name}` alone to look the place up ' +
          '(400 HARK_ERR_UNKNOWN_LOCATION when there is none; 503 when the geocoder cannot be reached).',
        body: profilePatchSchema,
        response: {
          200: profileSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          503: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const userId = currentUser(request).id;
      const patch = request.body;
      const timezone = validTimeZone(patch.timezone);
      const locale = validLocale(patch.locale);
      const current = await options.profiles.get(userId);
      const lookupLocale = locale ?? current.locale ?? DEFAULT_LOCALE;
      const location = await resolveLocation(patch.location, options.geocoder, lookupLocale, request.log);
      const changes: Partial<Profile> = { timezone, locale, location, units: patch.units };
      return options.profiles.update(userId, changes);
    },
  );
};
