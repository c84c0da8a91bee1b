import {
  createTimerRequestSchema,
  errorResponseSchema,
  itemIdParamsSchema,
  listTimersQuerySchema,
  timerListResponseSchema,
  timerResponseSchema,
  updateTimerRequestSchema,
} from '@hark/contracts';
import { HarkError } from '@hark/core';
import type { TimerItem, TimerService } from '@hark/skills';
import { currentUser } from '@hark/users';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export interface TimerRoutesOptions {
  timers: TimerService;
}

const route = { tags: ['timers'], security: [{ apiKey: [] }] };
const denied = { 401: errorResponseSchema };
const missing = { 404: errorResponseSchema };
const refused = { 400: errorResponseSchema, 409: errorResponseSchema };

/**
 * Timers for clients that are not voice: the same timers, in the same Redis state, as
 * "set a timer" through /v1/converse. Another user's timer id is a 404, like an unknown one.
 */
export const timerRoutes: FastifyPluginAsyncZod<TimerRoutesOptions> = async (app, { timers }) => {
  const view = (timer: TimerItem) => timers.view(timer);
  const ownTimer = async (userId: string, id: string) => {
    const timer = await timers.get(userId, id);
    if (!timer) throw new HarkError('NOT_FOUND', { what: `Timer ${id}` });
    return timer;
  };

  app.get(
    '/v1/timers',
    {
      schema: {
        ...route,
        summary: 'Your timers: running, paused, and those that ended within the last hour',
        querystring: listTimersQuerySchema,
        response: { 200: timerListResponseSchema, 400: errorResponseSchema, ...denied },
      },
    },
    async (request) => {
      const all = await timers.list(currentUser(request).id);
      const { state } = request.query;
      return { timers: all.filter((timer) => !state || timer.state === state).map(view) };
    },
  );

  app.post(
    '/v1/timers',
    {
      schema: {
        ...route,
        summary: 'Start a timer',
        description:
          'At most 30 days; 409 HARK_ERR_LIMIT_REACHED when the user has TIMERS_MAX_ACTIVE running.',
        body: createTimerRequestSchema,
        response: { 201: timerResponseSchema, ...refused, ...denied },
      },
    },
    async (request, reply) => {
      const timer = await timers.start(currentUser(request).id, request.body);
      reply.status(201);
      return { timer: view(timer) };
    },
  );

  app.get(
    '/v1/timers/:id',
    {
      schema: {
        ...route,
        summary: 'One timer, with the time it has left',
        params: itemIdParamsSchema,
        response: { 200: timerResponseSchema, 400: errorResponseSchema, ...denied, ...missing },
      },
    },
    async (request) => ({ timer: view(await ownTimer(currentUser(request).id, request.params.id)) }),
  );

  app.patch(
    '/v1/timers/:id',
    {
      schema: {
        ...route,
        summary: 'Pause, resume, add time to or remove time from a timer',
        description: '409 HARK_ERR_INVALID_STATE for an action that does not fit (resume a running timer).',
        params: itemIdParamsSchema,
        body: updateTimerRequestSchema,
        response: { 200: timerResponseSchema, ...refused, ...denied, ...missing },
      },
    },
    async (request) => {
      const userId = currentUser(request).id;
      const { id } = request.params;
      const change = request.body;
      if (change.action === 'pause') return { timer: view(await timers.pause(userId, id)) };
      if (change.action === 'resume') return { timer: view(await timers.resume(userId, id)) };
      if (change.action === 'add_time')
        return { timer: view(await timers.addTime(userId, id, change.seconds)) };
      return { timer: view(await timers.removeTime(userId, id, change.seconds)) };
    },
  );

  app.delete(
    '/v1/timers/:id',
    {
      schema: {
        ...route,
        summary: 'Cancel a timer (or silence one that finished and is still ringing)',
        params: itemIdParamsSchema,
        response: { 200: timerResponseSchema, ...refused, ...denied, ...missing },
      },
    },
    async (request) => ({ timer: view(await timers.cancel(currentUser(request).id, request.params.id)) }),
  );
};
