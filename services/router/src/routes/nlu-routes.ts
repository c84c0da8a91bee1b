import { errorResponseSchema, parseRequestSchema, parseResponseSchema } from '@hark/contracts';
import { type Clock, localDateTime, resolveLocale, resolveTimeZone } from '@hark/core';
import type { RecognizeContext, RecognizeResult } from '@hark/nlu';
import { currentUser } from '@hark/users';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export interface NluRouteOptions {
  clock: Clock;
  recognize(text: string, context: RecognizeContext): RecognizeResult;
}

export const nluRoutes: FastifyPluginAsyncZod<NluRouteOptions> = async (app, options) => {
  app.post(
    '/v1/nlu/parse',
    {
      schema: {
        tags: ['nlu'],
        summary: 'Recognise the intent and slots of a text; executes nothing',
        security: [{ apiKey: [] }],
        body: parseRequestSchema,
        response: { 200: parseResponseSchema, 400: errorResponseSchema, 401: errorResponseSchema },
      },
    },
    async (request) => {
      const locale = resolveLocale(request.body.locale);
      const timeZone = resolveTimeZone(request.body.timezone, currentUser(request).timezone);
      return options.recognize(request.body.text, {
        locale,
        now: localDateTime(options.clock.now(), timeZone),
      });
    },
  );
};
