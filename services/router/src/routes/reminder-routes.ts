import {
  createReminderRequestSchema,
  errorResponseSchema,
  itemIdParamsSchema,
  listRemindersQuerySchema,
  reminderListResponseSchema,
  reminderResponseSchema,
  updateReminderRequestSchema,
} from '@hark/contracts';
import { HarkError, resolveTimeZone } from '@hark/core';
import { type ReminderService, reminderView } from '@hark/skills';
import { currentUser } from '@hark/users';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export interface ReminderRoutesOptions {
  reminders: ReminderService;
}

const route = { tags: ['reminders'], security: [{ apiKey: [] }] };
const denied = { 401: errorResponseSchema };
const missing = { 404: errorResponseSchema };
const refused = { 400: errorResponseSchema, 409: errorResponseSchema };

/** Reminders for clients that are not voice; the same reminders as "remind me to ..." by voice. */
export const reminderRoutes: FastifyPluginAsyncZod<ReminderRoutesOptions> = async (app, { reminders }) => {
  app.get(
    '/v1/reminders',
    {
      schema: {
        ...route,
        summary: 'Your reminders: pending, and those due or cancelled within the last hour',
        querystring: listRemindersQuerySchema,
        response: { 200: reminderListResponseSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request) => {
      const all = await reminders.list(currentUser(request).id);
      const { state } = request.query;
      return { reminders: all.filter((reminder) => !state || reminder.state === state).map(reminderView) };
    },
  );

  app.post(
    '/v1/reminders',
    {
      schema: {
        ...route,
        summary: 'Create a reminder at a local date-time (`at`) or after a delay (`inSeconds`)',
        description: '400 HARK_ERR_INVALID_TIME when `at` does not exist or has passed.',
        body: createReminderRequestSchema,
        response: { 201: reminderResponseSchema, ...refused, ...denied },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const { timezone, ...reminder } = request.body;
      const created = await reminders.create(user.id, {
        ...reminder,
        timeZone: resolveTimeZone(timezone, user.timezone),
      });
      reply.status(201);
      return { reminder: reminderView(created) };
    },
  );

  app.get(
    '/v1/reminders/:id',
    {
      schema: {
        ...route,
        summary: 'One reminder',
        params: itemIdParamsSchema,
        response: { 200: reminderResponseSchema, 400: errorResponseSchema, ...denied, ...missing },
      },
    },
    async (request) => {
      const reminder = await reminders.get(currentUser(request).id, request.params.id);
      if (!reminder) throw new HarkError('NOT_FOUND', { what: `Reminder ${request.params.id}` });
      return { reminder: reminderView(reminder) };
    },
  );

  app.patch(
    '/v1/reminders/:id',
    {
      schema: {
        ...route,
        summary: 'Move a reminder to another time (also one that was already due)',
        params: itemIdParamsSchema,
        body: updateReminderRequestSchema,
        response: { 200: reminderResponseSchema, ...refused, ...denied, ...missing },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { timezone, action: _reschedule, ...when } = request.body;
      const timeZone = resolveTimeZone(timezone, user.timezone);
      return {
        reminder: reminderView(await reminders.reschedule(user.id, request.params.id, { ...when, timeZone })),
      };
    },
  );

  app.delete(
    '/v1/reminders/:id',
    {
      schema: {
        ...route,
        summary: 'Cancel a reminder',
        params: itemIdParamsSchema,
        response: { 200: reminderResponseSchema, ...refused, ...denied, ...missing },
      },
    },
    async (request) => ({
      reminder: reminderView(await reminders.cancel(currentUser(request).id, request.params.id)),
    }),
  );
};
