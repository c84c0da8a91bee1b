/**
 * The baselines of the HTTP benchmark, in a process of their own like the router: a bare
 * Fastify hello world and a Fastify echo of a JSON body. Prints their ports as one JSON line.
 */
import Fastify from 'fastify';

const hello = Fastify();
hello.get('/', async () => ({ hello: 'world' }));
const echo = Fastify();
echo.post('/', async (request) => request.body);
await hello.listen({ port: 0, host: '127.0.0.1' });
await echo.listen({ port: 0, host: '127.0.0.1' });
const port = (server: typeof hello) => (server.server.address() as { port: number }).port;
console.log(JSON.stringify({ hello: port(hello), echo: port(echo) }));
