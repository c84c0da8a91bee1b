import { converseRequestSchema, converseResponseSchema, errorResponseSchema } from '@hark/contracts';
import { clientErrorOf, frameWriter, openEventStream } from '@hark/core';
import { currentUser } from '@hark/users';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { converseTurn, type TurnDependencies } from '../turns/converse-turn.js';

const wantsEventStream = (request: FastifyRequest) =>
  request.headers.accept?.includes('text/event-stream') ?? false;

/**
 * The same turn as Server-Sent Events: `intent`, then (premium path) `delta` and `tool` as
 * they arrive, then `done` with the whole response, or `error`. A client that hangs up aborts
 * the upstream request.
 */
async function streamTurn(
  turns: TurnDependencies,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const hangUp = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) hangUp.abort();
  });
  const raw = openEventStream(request, reply);
  const write = frameWriter(raw);
  try {
    const body = converseRequestSchema.parse(request.body);
    const user = currentUser(request);
    const response = await converseTurn(turns, user, body, {
      stream: { emit: (event) => write(event.event, event.data), signal: hangUp.signal },
    });
    write('done', response);
  } catch (error) {
    if (!hangUp.signal.aborted) {
      const failure = clientErrorOf(error, request.id);
      if (failure.statusCode >= 500) request.log.error({ err: error }, 'streamed turn failed');
      write('error', failure.toBody().error);
    }
  } finally {
    raw.end();
  }
}

export const converseRoutes: FastifyPluginAsyncZod<{ turns: TurnDependencies }> = async (app, options) => {
  app.post(
    '/v1/converse',
    {
      schema: {
        tags: ['converse'],
        summary: 'One turn of conversation: recognise, act, reply',
        description:
          'Free skills answer locally (handledBy "skill"). Text that reads as a free skill without a sure intent gets one ' +
          'short question back (handledBy "clarify", e.g. "A timer or an alarm?"), never the premium path. ' +
          'Unmatched text goes to the premium path (handledBy "llm") ' +
          'when the plan or the free trial allows, else gets a fallback reply with an upsell. With ' +
          '`Accept: text/event-stream` the same turn streams events: intent, delta, tool, done (the response below), error.',
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
    async (request, reply) => {
      if (wantsEventStream(request)) return streamTurn(options.turns, request, reply);
      const user = currentUser(request);
      return converseTurn(options.turns, user, request.body);
    },
  );
};
