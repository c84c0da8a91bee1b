import {
  alarmListResponseSchema,
  alarmResponseSchema,
  createAlarmRequestSchema,
  errorResponseSchema,
  itemIdParamsSchema,
  listAlarmsQuerySchema,
  updateAlarmRequestSchema,
} from '@hark/contracts';
import { HarkError, resolveTimeZone } from '@hark/core';
import { type AlarmService, alarmView } from '@hark/skills';
import { currentUser } from '@hark/users';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export interface AlarmRoutesOptions {
  alarms: AlarmService;
}

const route = { tags: ['alarms'], security: [{ apiKey: [] }] };
const denied = { 401: errorResponseSchema };
const missing = { 404: errorResponseSchema };
const refused = { 400: errorResponseSchema, 409: errorResponseSchema };

/** Alarms for clients that are not voice; the same alarms as "wake me up at 7" by voice. */
export const alarmRoutes: FastifyPluginAsyncZod<AlarmRoutesOptions> = async (app, { alarms }) => {
  app.get(
    '/v1/alarms',
    {
      schema: {
        ...route,
        summary: 'Your alarms: set, ringing, snoozed, and those that ended within the last hour',
        querystring: listAlarmsQuerySchema,
        response: { 200: alarmListResponseSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request) => {
      const all = await alarms.list(currentUser(request).id);
      const { state } = request.query;
      return { alarms: all.filter((alarm) => !state || alarm.state === state).map(alarmView) };
    },
  );

  app.post(
    '/v1/alarms',
    {
      schema: {
        ...route,
        summary: 'Set an alarm at a local clock time, once or repeating',
        description:
          "`time` is in `timezone`, else the user's zone, else UTC; daylight saving time is followed. " +
          'Without `date` a one-off alarm rings the next time the clock shows `time`. ' +
          '400 HARK_ERR_INVALID_TIME for a date that does not exist or has passed.',
        body: createAlarmRequestSchema,
        response: { 201: alarmResponseSchema, ...refused, ...denied },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const { timezone, ...alarm } = request.body;
      const timeZone = resolveTimeZone(timezone, user.timezone);
      const created = await alarms.create(user.id, { ...alarm, timeZone });
      reply.status(201);
      return { alarm: alarmView(created) };
    },
  );

  app.get(
    '/v1/alarms/:id',
    {
      schema: {
        ...route,
        summary: 'One alarm',
        params: itemIdParamsSchema,
        response: { 200: alarmResponseSchema, 400: errorResponseSchema, ...denied, ...missing },
      },
    },
    async (request) => {
      const alarm = await alarms.get(currentUser(request).id, request.params.id);
      if (!alarm) throw new HarkError('NOT_FOUND', { what: `Alarm ${request.params.id}` });
      return { alarm: alarmView(alarm) };
    },
  );

  app.patch(
    '/v1/alarms/:id',
    {
      schema: {
        ...route,
        summary: 'Snooze (default 9 minutes) or stop a ringing alarm',
        description:
          'A repeating alarm that is stopped moves on to its next day; 409 when it is not ringing.',
        params: itemIdParamsSchema,
        body: updateAlarmRequestSchema,
        response: { 200: alarmResponseSchema, ...refused, ...denied, ...missing },
      },
    },
    async (request) => {
      const userId = currentUser(request).id;
      const change = request.body;
      const alarm =
        change.action === 'snooze'
          ? await alarms.snooze(userId, request.params.id, change.minutes)
          : await alarms.stop(userId, request.params.id);
      return { alarm: alarmView(alarm) };
    },
  );

  app.delete(
    '/v1/alarms/:id',
    {
      schema: {
        ...route,
        summary: 'Cancel an alarm (every day of a repeating one)',
        params: itemIdParamsSchema,
        response: { 200: alarmResponseSchema, ...refused, ...denied, ...missing },
      },
    },
    async (request) => ({
      alarm: alarmView(await alarms.cancel(currentUser(request).id, request.params.id)),
    }),
  );
};
