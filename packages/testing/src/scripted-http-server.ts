import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Answers one request whose body has been read in full. */
export type ScriptedHandler = (request: IncomingMessage, body: string, response: ServerResponse) => unknown;

export interface ScriptedHttpServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  /** How the next requests are answered; a test sets its own. By default nothing is answered. */
  handle: ScriptedHandler;
  /** The client port of every request seen: one per connection the clients used. */
  readonly clientPorts: Set<number>;
  /** Responses whose connection closed before they were finished (the client hung up). */
  readonly closedEarly: number;
  close(): Promise<void>;
}

/** A loopback HTTP server each test scripts, for testing HTTP clients against real sockets. */
export async function startScriptedHttpServer(): Promise<ScriptedHttpServer> {
  let closedEarly = 0;
  const clientPorts = new Set<number>();
  const server = createServer((request, response) => {
    clientPorts.add(request.socket.remotePort ?? 0);
    response.on('close', () => {
      if (!response.writableFinished) closedEarly++;
    });
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => scripted.handle(request, body, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const scripted: ScriptedHttpServer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    handle: () => {},
    clientPorts,
    get closedEarly() {
      return closedEarly;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return scripted;
}
