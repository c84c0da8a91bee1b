/**
 * A connection-level (layer 4) round-robin proxy in a process of its own, for the scale-out part of
 * the HTTP bench: each client connection is piped, bytes as they come, to the next upstream in turn
 * (as HAProxy's `mode tcp` would), so the proxy parses no HTTP and its cost per request is a few
 * socket reads and writes. Kept-alive client connections each stay on one router, so a load of many
 * connections spreads evenly. Upstreams come as arguments; prints its port as one JSON line.
 */
import { connect, createServer } from 'node:net';

const upstreams = process.argv.slice(2).map((url) => new URL(url));
if (upstreams.length === 0) throw new Error('usage: tcp-round-robin-proxy <upstream url>...');
let next = 0;

const server = createServer({ noDelay: true }, (client) => {
  const target = upstreams[next++ % upstreams.length]!;
  const upstream = connect({ host: target.hostname, port: Number(target.port), noDelay: true });
  client.pipe(upstream);
  upstream.pipe(client);
  // Either side failing or closing ends both: a half-open pair would hold the client forever.
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close).on('close', close);
  upstream.on('error', close).on('close', close);
});
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: (server.address() as { port: number }).port }));
});
