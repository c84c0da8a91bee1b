import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';

export interface SecurityOptions {
  /** Browser origins allowed to call the API (CORS); empty: same origin only, no CORS answers at all. */
  corsOrigins: readonly string[];
  /** Reached over TLS (PUBLIC_BASE_URL is https://): send HSTS and upgrade sub-requests to https. */
  behindTls: boolean;
}

/** The options every service derives from its config. */
export function securityOptionsFrom(config: {
  CORS_ORIGINS: readonly string[];
  PUBLIC_BASE_URL: string;
}): SecurityOptions {
  return { corsOrigins: config.CORS_ORIGINS, behindTls: config.PUBLIC_BASE_URL.startsWith('https:') };
}

/**
 * The policy of every response, written for the pages the router serves at / and /console: plain
 * ES modules, styles and data from this origin only, no inline script or style, never framed.
 * blob: media plays recorded or fetched audio; data: images are small icons.
 */
export function contentSecurityPolicy(behindTls: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'media-src': ["'self'", 'blob:'],
    'connect-src': ["'self'"],
    'font-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    // Over plain http (development) upgrading would break every sub-request.
    ...(behindTls ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/**
 * Swagger UI (/docs) sets inline style attributes while it renders; it runs no inline script.
 * Used by the OpenAPI plugin on its own routes only, so the pages keep the strict policy.
 */
export function allowInlineStyles(policy: string): string {
  return policy
    .split(';')
    .map((directive) => {
      const trimmed = directive.trim();
      return trimmed.startsWith('style-src ') ? `${trimmed} 'unsafe-inline'` : trimmed;
    })
    .join('; ');
}

/** Headers the browser may read from a cross-origin answer, and may send in a cross-origin request. */
const exposedHeaders = [
  'x-request-id',
  'retry-after',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
];
const allowedHeaders = [
  'authorization',
  'content-type',
  'accept',
  'last-event-id',
  'x-request-id',
  'x-operator',
];

async function registerCors(app: FastifyInstance, origins: readonly string[]): Promise<void> {
  await app.register(cors, {
    origin: [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders,
    exposedHeaders,
    // Credentials are bearer tokens the page sends itself; no cookie ever authenticates a call.
    credentials: false,
    maxAge: 600,
    // A bare OPTIONS (no Origin) gets an empty 204 rather than the plugin's text/plain 400.
    strictPreflight: false,
  });
}

/**
 * The headers helmet sets under this policy, worked out once: none of them depends on the request,
 * so every response gets the same ones without running helmet's eleven middlewares again (which cost
 * the router about 6% of its CPU and 9% of its allocations per request; docs/PERFORMANCE.md).
 */
export function securityHeaders(options: SecurityOptions): Record<string, string> {
  const setSecurityHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(options.behindTls) },
    // HSTS over plain http is meaningless, and on a development host it would pin https for a year.
    strictTransportSecurity: options.behindTls ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    // helmet removes X-Powered-By, which Fastify never sets.
    removeHeader: () => undefined,
  };
  let failure: unknown;
  setSecurityHeaders({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure || !headers['content-security-policy']) {
    throw new Error('helmet did not produce the security headers synchronously', { cause: failure });
  }
  return headers;
}

/**
 * Security headers on every response (helmet) and CORS for the configured origins only. Registered
 * first by each service, before any route, so errors, 404s and proxied answers carry them too.
 */
export const securityPlugin = fp<SecurityOptions>(
  async (app, options) => {
    const headers = securityHeaders(options);
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    });
    if (options.corsOrigins.length > 0) await registerCors(app, options.corsOrigins);
  },
  { name: 'hark-security', fastify: '5.x' },
);
