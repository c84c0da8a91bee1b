// A bare pass-through HTTP relay in a process of its own, for the time-to-first-token bench: what
// one Node.js hop costs on this machine (a request in, the same request out on a kept-alive
// connection, the answer piped back chunk by chunk), with none of Hark's work. Hark's paths are
// compared with it in the same run. Usage: relay-server.ts <target origin>; every path is passed on
// as it is. Prints one JSON line {url} (its origin), then serves until killed.
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

const target = new URL(process.argv[2] ?? '');
const agent = new Agent({ keepAlive: true });

const server = createServer((incoming, outgoing) => {
  const upstream = request(
    {
      host: target.hostname,
      port: target.port,
      path: incoming.url,
      method: incoming.method,
      headers: incoming.headers,
      agent,
    },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    },
  );
  upstream.on('error', () => outgoing.destroy());
  incoming.pipe(upstream);
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}` }));
});
