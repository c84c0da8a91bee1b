// Bytes that are not valid HTTP, or URLs the router cannot match, never reach a route or a hook:
// Node's parser or Fastify's router refuses them first. Those answers must still be the documented
// JSON error with the security headers, and the server must go on serving.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRouter, type TestRouter } from '../../services/router/src/testing/test-router.js';

let router: TestRouter;
let port: number;
beforeAll(async () => {
  router = await startTestRouter();
  await router.app.listen({ host: '127.0.0.1', port: 0 });
  port = (router.app.server.address() as { port: number }).port;
});
afterAll(() => router.close());

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes `bytes` on a fresh connection and reads the first answer until the server closes or 1 s. */
function exchange(bytes: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const finish = () => {
      socket.destroy();
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    };
    const timer = setTimeout(finish, 1_000);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', () => {
      clearTimeout(timer);
      finish();
    });
    socket.on('error', reject);
    socket.write(bytes);
  });
}

const request = (method: string, path: string, extra = '') =>
  `${method} ${path} HTTP/1.1\r\nHost: hark.test\r\n${extra}Content-Length: 0\r\nConnection: close\r\n\r\n`;
const get = (path: string, extra = '') => request('GET', path, extra);

function expectDocumented(answer: RawAnswer, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(answer.headers['x-content-type-options']).toBe('nosniff');
  expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  const body = JSON.parse(answer.body) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
}

describe('requests refused before any route runs', () => {
  it.each([
    ['a request line that is not HTTP', 'HELLO THERE\r\n\r\n'],
    ['a header without a colon', get('/healthz', 'no colon here\r\n')],
    [
      'Content-Length and Transfer-Encoding together (smuggling)',
      `POST /v1/converse HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    ],
    ['a NUL byte in the path', 'GET /v1/\u0000timers HTTP/1.1\r\nHost: x\r\n\r\n'],
  ])('%s -> 400 HARK_ERR_BAD_REQUEST in the documented shape', async (_label, bytes) => {
    expectDocumented(await exchange(bytes), 400, 'HARK_ERR_BAD_REQUEST');
  });

  it('headers over 16 KiB -> 431 HARK_ERR_HEADERS_TOO_LARGE', async () => {
    const answer = await exchange(get('/healthz', `Authorization: Bearer ${'k'.repeat(20_000)}\r\n`));
    expectDocumented(answer, 431, 'HARK_ERR_HEADERS_TOO_LARGE');
    expect(answer.body).toContain('16384');
  });

  // A GET with an over-long segment falls through to the web client's wildcard (a plain 404).
  it.each([
    ['a broken %-escape', 'GET', '/v1/timers/%E0%A4%A', 'the path has a broken %-escape'],
    [
      'a segment over 100 characters',
      'POST',
      `/admin/users/${'u'.repeat(101)}/keys`,
      'a path segment is longer than 100 characters',
    ],
  ])(
    '%s -> 400 HARK_ERR_BAD_REQUEST naming the reason, with the request id',
    async (_label, method, path, reason) => {
      const answer = await exchange(request(method, path));
      expectDocumented(answer, 400, 'HARK_ERR_BAD_REQUEST');
      expect(JSON.parse(answer.body).error.details).toEqual({ reason });
      expect(answer.headers['x-request-id']).toMatch(/^[\w-]{8,}$/);
    },
  );

  it('leaves the server serving', async () => {
    const answer = await exchange(get('/healthz'));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ status: 'ok' });
  });
});
