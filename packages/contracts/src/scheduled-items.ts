import { z } from 'zod';

/**
 * What timers, alarms and reminders share on the wire. Each of them is returned, and sent
 * to devices as event data, in the same JSON shape, so a client keeps one model of each.
 */

export const itemIdParamsSchema = z.object({
  id: z.string().min(1).max(64).describe('Item id as returned when it was created'),
});

export const itemBaseShape = {
  id: z.string(),
  version: z.number().int().positive().describe('Grows by one with every change'),
  createdAt: z.iso.datetime().describe('When it was created (UTC)'),
  deviceId: z.string().nullable().describe('The device that created it, if one said so'),
  late: z
    .boolean()
    .optional()
    .describe('Present (true) when it fired more than a second after its due time, e.g. after a restart'),
  latenessMs: z.number().int().optional().describe('How late it fired, when `late` is true'),
};

export const utcInstantSchema = z.iso.datetime().describe('UTC instant, ISO 8601');
