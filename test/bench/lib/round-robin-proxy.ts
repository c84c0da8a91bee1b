/**
 * A small round-robin HTTP proxy in a process of its own: each request goes to the next upstream over
 * kept-alive connections. The scale-out part of the HTTP bench can put it before the routers
 * (BENCH_PROXY=node), and with one upstream it is the time-to-first-token bench's bare relay, what one
 * Node.js hop costs. Upstreams come as arguments; prints its port as one JSON line.
 */
import { Agent, createServer, request } from 'node:http';

const upstreams = process.argv.slice(2).map((url) => new URL(url));
if (upstreams.length === 0) throw new Error('usage: round-robin-proxy <upstream url>...');
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
let next = 0;

const server = createServer((incoming, outgoing) => {
  const upstream = upstreams[next++ % upstreams.length]!;
  const forwarded = request(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: incoming.method,
      path: incoming.url,
      headers: incoming.headers,
      agent,
    },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    },
  );
  forwarded.on('error', () => {
    if (!outgoing.headersSent) outgoing.writeHead(502);
    outgoing.end();
  });
  incoming.pipe(forwarded);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: (server.address() as { port: number }).port }));
});
