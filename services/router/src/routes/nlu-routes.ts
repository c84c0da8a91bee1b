import { errorResponseSchema, parseRequestSchema, parseResponseSchema } from '@hark/contracts';
import { resolveLocale } from '@hark/core';
import { recognize } from '@hark/nlu';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const nluRoutes: FastifyPluginAsyncZod = async (app) => {
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
      return recognize(request.body.text, { locale });
    },
  );
};
