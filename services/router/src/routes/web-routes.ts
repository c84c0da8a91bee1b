import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/**
 * packages/web/public, found through the @hark/web workspace link: the same answer from source
 * (vitest), from services/router/dist and inside the Docker image, wherever the repo lives.
 */
export function webPublicFolder(): string {
  const manifest = createRequire(import.meta.url).resolve('@hark/web/package.json');
  return path.join(path.dirname(manifest), 'public');
}

/**
 * The web client at `/` and the operator console at `/console/`: static files, no credentials
 * (the pages ask for a key and send it to /v1 or /admin themselves), hidden from OpenAPI.
 * One route per file, found when the router starts (the folder ships with the release), rather
 * than a wildcard: a path that is neither a route nor a file gets the usual JSON 404 straight from
 * the router, without a stat and a directory read on the disk for each unknown path anyone asks for.
 */
export const webRoutes: FastifyPluginAsync<{ root?: string }> = async (app, options) => {
  await app.register(fastifyStatic, {
    root: options.root ?? webPublicFolder(),
    prefix: '/',
    wildcard: false,
    schemaHide: true,
    // No directory listings and no dotfiles; index.html answers for a folder.
    index: ['index.html'],
    list: false,
    dotfiles: 'ignore',
    // Pages change with each release: revalidate rather than cache for a day.
    cacheControl: true,
    maxAge: 0,
  });
  const hidden = { schema: { hide: true } };
  // The console's relative links (./console.js) need the trailing slash.
  app.get('/console', hidden, (_request, reply) => reply.redirect('/console/', 301));
  // Browsers ask for /favicon.ico on every page that names no icon: one icon, no 404 in their console.
  app.get('/favicon.ico', hidden, (_request, reply) => reply.redirect('/favicon.svg', 301));
};
