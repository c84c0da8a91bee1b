import { converseRequestSchema, converseResponseSchema, errorResponseSchema } from '@hark/contracts';
import { currentUser } from '@hark/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { converseTurn, type TurnDependencies } from '../turns/converse-turn.js';

export const converseRoutes: FastifyPluginAsyncZod<{ turns: TurnDependencies }> = async (app, options) => {
  app.post(
    '/v1/converse',
    {
      schema: {
        tags: ['converse'],
        summary: 'One turn of conversation: recognise, act, reply',
        description:
          'Free skills answer locally (handledBy "skill"); unmatched text gets handledBy "fallback". ' +
          'Recognised intents whose skill is not installed yet answer 501 HARK_ERR_SKILL_UNAVAILABLE.',
        security: [{ apiKey: [] }],
        body: converseRequestSchema,
        response: {
          200: converseResponseSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          501: errorResponseSchema,
        },
      },
    },
    async (request) => converseTurn(options.turns, currentUser(request), request.body),
  );
};
