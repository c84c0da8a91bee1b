import { z } from 'zod';

export const unitsSchema = z.enum(['metric', 'imperial']);
export type Units = z.infer<typeof unitsSchema>;

export const profileLocationSchema = z
  .object({
    name: z.string().min(1).max(200).describe('Place name as it will be spoken, e.g. "Paris"'),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    countryCode: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional()
      .describe('ISO 3166-1 alpha-2'),
  })
  .meta({ id: 'ProfileLocation' });
export type ProfileLocation = z.infer<typeof profileLocationSchema>;

/** A user's defaults: used by time, alarms, weather and units when a request does not say. */
export const profileSchema = z
  .object({
    timezone: z.string().nullable().describe('IANA zone; null means UTC unless a request says otherwise'),
    location: profileLocationSchema.nullable(),
    units: unitsSchema.nullable().describe('null means: from the locale (en-US -> imperial, else metric)'),
    locale: z.string().nullable(),
  })
  .meta({ id: 'Profile' });
export type Profile = z.infer<typeof profileSchema>;

export const emptyProfile: Profile = { timezone: null, location: null, units: null, locale: null };
