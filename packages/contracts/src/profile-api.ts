import { z } from 'zod';
import { profileLocationSchema, unitsSchema } from './profile.js';

/**
 * PATCH /v1/profile: every field optional; `null` clears it. A location is either complete
 * (name, latitude, longitude) or a name alone, which the router geocodes with Open-Meteo.
 */
export const locationByNameSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .describe('A place to look up, e.g. "Paris" or "Springfield, Illinois"'),
  })
  .strict()
  .meta({ id: 'ProfileLocationByName' });

export const profilePatchSchema = z
  .object({
    timezone: z.string().max(64).nullable().optional().describe('IANA zone such as Europe/Paris'),
    location: z.union([profileLocationSchema, locationByNameSchema]).nullable().optional(),
    units: unitsSchema.nullable().optional(),
    locale: z.string().max(35).nullable().optional().describe('BCP 47 tag; English only for now'),
  })
  .strict();
export type ProfilePatch = z.infer<typeof profilePatchSchema>;
