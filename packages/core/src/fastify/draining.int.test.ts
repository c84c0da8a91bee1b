import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createBaseServer } from './base-server.js';
import { errorHandlerPlugin } from './error-handler.js';

const config = { LOG_LEVEL: 'silent', LOG_PRETTY: false, TRUST_PROXY: false };
// One socket, kept alive: the second request goes over the connection the first one opened.
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
afterEach(() => agent.destroy());

function get(port: number, path: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      request({ host: '127.0.0.1', port, path, agent }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      })
        .on('error', reject)
        .end();
    },
  );
}

describe('a server that is draining', () => {
  it('finishes the request in flight, then refuses the next one on that connection with the catalogue 503', async () => {
    const app = createBaseServer({ config, logger: false });
    await app.register(errorHandlerPlugin);
    app.get('/slow', async () => {
      await sleep(300);
      return { done: true };
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;

    const inFlight = get(port, '/slow');
    await sleep(100);
    const closed = app.close();
    expect(await inFlight).toMatchObject({ status: 200, body: '{"done":true}' });
    // Node keeps that connection open after its response; a load balancer may still send on it.
    const late = await get(port, '/slow');
    expect(late.status).toBe(503);
    expect(late.headers.connection).toBe('close');
    expect(JSON.parse(late.body)).toEqual({
      error: { code: 'HARK_ERR_UNAVAILABLE', message: 'A backing service is unavailable; retry shortly' },
    });
    await closed;
  });
});
