import { existsSync } from 'node:fs';
import { connectTestRedis, type TestRedis } from '@hark/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectSse, type SseConnection } from '../../services/router/src/testing/sse-client.js';
import { crash, type ServiceProcess, serverEntry, startRouterProcess } from './support/router-process.js';

const auth = { authorization: 'Bearer demo-key' };
let testRedis: TestRedis;
let routers: ServiceProcess[] = [];
let streams: SseConnection[] = [];

beforeEach(async () => {
  testRedis = await connectTestRedis('restart');
});
afterEach(async () => {
  for (const stream of streams) stream.close();
  for (const router of routers) router.child.kill('SIGKILL');
  await Promise.all(routers.map((r) => r.exited));
  routers = [];
  streams = [];
  await testRedis.cleanup();
});

const start = async () => {
  const router = await startRouterProcess({
    NODE_ENV: 'development',
    REDIS_PREFIX: testRedis.prefix,
    ADMIN_TOKEN: '',
    DEMO_API_KEY: '',
  });
  routers.push(router);
  return router;
};

async function setTimerByVoice(router: ServiceProcess, text: string): Promise<{ id: string; dueAt: number }> {
  const response = await fetch(`${router.url}/v1/converse`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  const body = (await response.json()) as { data: { timer: { id: string; dueAt: string } } };
  return { id: body.data.timer.id, dueAt: Date.parse(body.data.timer.dueAt) };
}

async function listen(router: ServiceProcess, headers: Record<string, string> = {}): Promise<SseConnection> {
  const stream = await connectSse(`${router.url}/v1/events`, { ...auth, ...headers });
  streams.push(stream);
  await stream.waitFor((frame) => frame.comment === 'connected');
  return stream;
}

const finishedFrame = (stream: SseConnection, timerId: string, timeoutMs: number) =>
  stream.waitFor(
    (f) => f.event === 'timer.finished' && JSON.parse(f.data ?? '{}').data?.id === timerId,
    timeoutMs,
  );

describe.skipIf(!existsSync(serverEntry))('timers survive a router crash (kill -9)', () => {
  it('a timer set by voice before the crash finishes on time after the restart', async () => {
    const first = await start();
    const timer = await setTimerByVoice(first, 'set a timer for 6 seconds');
    await crash(first);
    const second = await start();
    const stream = await listen(second);
    // Restarting takes well under the 6 s, even on a loaded machine.
    expect(Date.now()).toBeLessThan(timer.dueAt);
    const frame = await finishedFrame(stream, timer.id, 10_000);
    const lateness = Date.now() - timer.dueAt;
    console.log(
      `timer.finished reached the SSE client ${lateness} ms after its due time, across a kill -9 restart`,
    );
    expect(lateness).toBeGreaterThanOrEqual(0);
    expect(lateness).toBeLessThan(1_000);
    expect(JSON.parse(frame.data!).data).toMatchObject({ state: 'FINISHED' });
    expect(JSON.parse(frame.data!).data.late).toBeUndefined();
  });

  it('a timer that came due while no router ran fires at once on restart, marked late', async () => {
    const first = await start();
    const timer = await setTimerByVoice(first, 'set a timer for 1 second');
    await crash(first);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const second = await start();
    const stream = await listen(second, { 'last-event-id': '0-0' });
    const frame = await finishedFrame(stream, timer.id, 10_000);
    const payload = JSON.parse(frame.data!).data;
    expect(payload).toMatchObject({ state: 'FINISHED', late: true });
    expect(payload.latenessMs).toBeGreaterThan(2_000);
    const listed = await fetch(`${second.url}/v1/timers`, { headers: auth }).then(
      (r) => r.json() as Promise<{ timers: Array<{ id: string; state: string }> }>,
    );
    expect(listed.timers).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: timer.id, state: 'FINISHED' })]),
    );
  });
});
