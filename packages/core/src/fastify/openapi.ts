import swagger, { type FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifySchema, type HTTPMethods } from 'fastify';
import fp from 'fastify-plugin';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { allowInlineStyles } from './security-headers.js';

/** A route this service answers without registering it by itself (a proxied path), with its schema. */
export interface DocumentedRoute {
  method: HTTPMethods;
  url: string;
  schema: FastifySchema;
}

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Documents routes this service answers through routes that document nothing useful (a proxy's
     * wildcards, hidden from OpenAPI), as if each were registered here with its schema. Before ready.
     */
    documentRoutes(routes: readonly DocumentedRoute[]): void;
  }
}

/** OpenAPI `paths`: operations by path, then by lower-case method. */
type Paths = Record<string, Record<string, unknown>>;

const swaggerOptions = (version: string): FastifyDynamicSwaggerOptions => ({
  openapi: {
    info: {
      title: 'Hark API',
      description:
        'Voice-assistant backend: intent routing, skills, sessions. Errors are {error: {code, message, details?}}.',
      version,
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
});

/** OpenAPI generated from the zod route schemas; served as JSON and as Swagger UI. */
export const openApiPlugin = fp(
  async (app: FastifyInstance, options: { version: string }) => {
    const documented: DocumentedRoute[] = [];
    let documenter: FastifyInstance | null = null;
    app.decorate('documentRoutes', (routes: readonly DocumentedRoute[]) => {
      documented.push(...routes);
    });
    await app.register(swagger, {
      ...swaggerOptions(options.version),
      transformObject: (document) => {
        const object = jsonSchemaTransformObject(document);
        const documentedPaths = (documenter?.swagger() as { paths?: Paths } | undefined)?.paths ?? {};
        return { ...object, paths: mergedPaths((object.paths ?? {}) as Paths, documentedPaths) };
      },
    });
    app.addHook('onReady', async () => {
      if (documented.length > 0) documenter = await documenterOf(documented, options.version);
    });
    app.addHook('onClose', async () => documenter?.close());
    // The security plugin's strict policy, loosened for Swagger UI's inline styles on /docs only.
    await app.register(swaggerUi, { routePrefix: '/docs', transformStaticCSP: allowInlineStyles });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'hark-openapi', fastify: '5.x' },
);

/**
 * An instance that never listens, with `routes` registered on it (their handlers never run), so
 * that its own @fastify/swagger documents them exactly as registered routes are documented. Its
 * document is generated when first asked for, like the service's own.
 */
async function documenterOf(routes: readonly DocumentedRoute[], version: string): Promise<FastifyInstance> {
  const documenter = Fastify({ logger: false });
  documenter.setValidatorCompiler(validatorCompiler);
  documenter.setSerializerCompiler(serializerCompiler);
  await documenter.register(swagger, swaggerOptions(version));
  for (const route of routes) {
    documenter.route({
      ...route,
      handler: async () => {
        throw new Error('documentation only');
      },
    });
  }
  await documenter.ready();
  return documenter;
}

/** A documented route where a registered one already is would hide one of the two: refused. */
function mergedPaths(registered: Paths, documented: Paths): Paths {
  const paths = { ...registered };
  for (const [path, operations] of Object.entries(documented)) {
    for (const method of Object.keys(operations)) {
      if (method in (paths[path] ?? {})) {
        throw new Error(`${method.toUpperCase()} ${path} is both registered and documented as proxied`);
      }
    }
    paths[path] = { ...paths[path], ...operations };
  }
  return paths;
}
