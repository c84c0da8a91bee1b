// Issue 20, item 1: POST /v1/converse/audio read the whole recording (up to 10 MB) before it
// looked at the caller's plan, so a free user's stalled uploads each held their bytes. Credentials
// and voice.stt are now decided before the body is read: without them the answer comes at once.
import { connect } from 'node:net';
import { entitlementKeys } from '@hark/entitlements-client';
import { writeTestPlans } from '@hark/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRouter, type TestRouter } from '../testing/test-router.js';

let router: TestRouter;
let freeKey: string;
let port: number;

beforeAll(async () => {
  router = await startTestRouter({}, { voice: null });
  await writeTestPlans(router.testRedis.redis, entitlementKeys(router.app.keys).plans());
  freeKey = await router.userWithKey('frida');
  await router.app.listen({ host: '127.0.0.1', port: 0 });
  port = (router.app.server.address() as { port: number }).port;
});
afterAll(() => router?.close());

/**
 * Sends the headers of a 5 MB recording and its first KiB, then nothing; resolves with what the
 * server answered, or null if nothing came within `waitMs`.
 */
function startUpload(headers: Record<string, string>, waitMs = 2_000): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(null);
    }, waitMs);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n\r\n') && received.includes('}')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(received);
      }
    });
    socket.on('error', () => {});
    const head = Object.entries({
      host: 'hark.test',
      'content-type': 'audio/webm',
      'content-length': '5000000',
      ...headers,
    }).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(`POST /v1/converse/audio HTTP/1.1\r\n${head.join('')}\r\n`);
    socket.write(Buffer.alloc(1024, 1));
  });
}

describe('POST /v1/converse/audio before its body has arrived', () => {
  it('answers a user without voice.stt with the upsell at once', async () => {
    const answer = await startUpload({ authorization: `Bearer ${freeKey}` });
    expect(answer).not.toBeNull();
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toContain('"feature":"voice.stt"');
  });

  it('answers a missing or unknown key with 401 at once', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-a-key-at-all' }] as Record<string, string>[]) {
      const answer = await startUpload(headers);
      expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    }
  });

  it('still answers the upsell to a complete upload on the same terms', async () => {
    const response = await router.app.inject({
      method: 'POST',
      url: '/v1/converse/audio?sessionId=8a1c2f3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b',
      headers: { authorization: `Bearer ${freeKey}`, 'content-type': 'audio/wav' },
      payload: Buffer.alloc(2048, 1),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      sessionId: '8a1c2f3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b',
      handledBy: 'fallback',
      upsell: { feature: 'voice.stt', plan: 'premium' },
    });
  });
});
