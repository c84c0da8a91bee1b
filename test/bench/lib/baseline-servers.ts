/**
 * The baselines of the HTTP benchmark, in a process of their own like the router: a bare
 * Fastify hello world, a Fastify echo of a JSON body, and the same echo after one Redis round trip
 * (a GET through the Redis client Hark uses): the least any request costs that keeps its state in
 * Redis, as every Hark request does. Prints their ports as one JSON line.
 */

import { createRedis } from '@hark/core';
import Fastify from 'fastify';

const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
await redis.connect();
const hello = Fastify();
hello.get('/', async () => ({ hello: 'world' }));
const echo = Fastify();
echo.post('/', async (request) => request.body);
const redisEcho = Fastify();
redisEcho.post('/', async (request) => {
  await redis.get('bench:baseline:absent');
  return request.body;
});
for (const server of [hello, echo, redisEcho]) await server.listen({ port: 0, host: '127.0.0.1' });
const port = (server: typeof hello) => (server.server.address() as { port: number }).port;
console.log(JSON.stringify({ hello: port(hello), echo: port(echo), redisEcho: port(redisEcho) }));
