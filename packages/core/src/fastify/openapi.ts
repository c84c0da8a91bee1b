import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { allowInlineStyles } from './security-headers.js';

/** OpenAPI generated from the zod route schemas; served as JSON and as Swagger UI. */
export const openApiPlugin = fp(
  async (app: FastifyInstance, options: { version: string }) => {
    await app.register(swagger, {
      openapi: {
        info: {
          title: 'Hark API',
          description:
            'Voice-assistant backend: intent routing, skills, sessions. Errors are {error: {code, message, details?}}.',
          version: options.version,
        },
        components: {
          securitySchemes: {
            apiKey: { type: 'http', scheme: 'bearer', description: 'A user API key' },
            operatorToken: {
              type: 'http',
              scheme: 'bearer',
              description: 'The operator token (ADMIN_TOKEN)',
            },
          },
        },
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    // The security plugin's strict policy, loosened for Swagger UI's inline styles on /docs only.
    await app.register(swaggerUi, { routePrefix: '/docs', transformStaticCSP: allowInlineStyles });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'hark-openapi', fastify: '5.x' },
);
