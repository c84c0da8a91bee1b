import { fixedClock } from '@hark/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestRouter, type TestRouter } from '../testing/test-router.js';

const clock = fixedClock('2026-11-26T12:00:00Z');
let router: TestRouter;
let ada: string;
let bob: string;
let limited: string;

beforeAll(async () => {
  router = await startTestRouter({ TIMERS_MAX_ACTIVE: '2' }, { clock });
  ada = await router.userWithKey('ada');
  bob = await router.userWithKey('bob');
  limited = await router.userWithKey('lim');
});
afterAll(() => router.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const call = (key: string, method: Method, url: string, payload?: Record<string, unknown>) =>
  router.app.inject({ method, url, headers: bearer(key), ...(payload ? { payload } : {}) });
const start = async (key: string, payload: Record<string, unknown>) =>
  (await call(key, 'POST', '/v1/timers', payload)).json().timer;

describe('/v1/timers', () => {
  it('starts, reads, lists, pauses, resumes, changes and cancels a timer', async () => {
    const created = await call(ada, 'POST', '/v1/timers', {
      durationSeconds: 600,
      name: 'pasta',
      deviceId: 'oven',
    });
    expect(created.statusCode).toBe(201);
    const timer = created.json().timer;
    expect(timer).toMatchObject({
      name: 'pasta',
      state: 'ON',
      durationSeconds: 600,
      remainingMs: 600_000,
      dueAt: '2026-11-26T12:10:00.000Z',
      deviceId: 'oven',
      version: 1,
    });
    clock.advance(60_000);
    expect((await call(ada, 'GET', `/v1/timers/${timer.id}`)).json().timer.remainingMs).toBe(540_000);
    expect((await call(ada, 'GET', '/v1/timers')).json().timers.map((t: { id: string }) => t.id)).toContain(
      timer.id,
    );
    const patch = (body: Record<string, unknown>) => call(ada, 'PATCH', `/v1/timers/${timer.id}`, body);
    expect((await patch({ action: 'pause' })).json().timer).toMatchObject({
      state: 'PAUSED',
      remainingMs: 540_000,
    });
    expect((await patch({ action: 'add_time', seconds: 60 })).json().timer.remainingMs).toBe(600_000);
    expect((await patch({ action: 'remove_time', seconds: 30 })).json().timer.remainingMs).toBe(570_000);
    expect((await patch({ action: 'resume' })).json().timer).toMatchObject({
      state: 'ON',
      remainingMs: 570_000,
    });
    const cancelled = await call(ada, 'DELETE', `/v1/timers/${timer.id}`);
    expect(cancelled.json().timer).toMatchObject({ state: 'CANCELLED', version: 6 });
    expect((await call(ada, 'GET', '/v1/timers?state=CANCELLED')).json().timers).toHaveLength(1);
  });

  it.each([
    [{ durationSeconds: 0 }, 'body.durationSeconds'],
    [{ durationSeconds: -5 }, 'body.durationSeconds'],
    [{ durationSeconds: 1.5 }, 'body.durationSeconds'],
    [{ durationSeconds: 30 * 86_400 + 1 }, 'body.durationSeconds'],
    [{ durationSeconds: '600' }, 'body.durationSeconds'],
    [{ name: 'no duration' }, 'body.durationSeconds'],
    [{ durationSeconds: 60, name: '' }, 'body.name'],
  ])('refuses %j with 400 HARK_ERR_VALIDATION naming %s', async (payload, field) => {
    const response = await call(ada, 'POST', '/v1/timers', payload);
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('HARK_ERR_VALIDATION');
    expect(error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('refuses unknown or incomplete actions with 400', async () => {
    const timer = await start(ada, { durationSeconds: 60 });
    for (const body of [
      { action: 'explode' },
      { action: 'add_time' },
      { action: 'add_time', seconds: 0 },
      {},
    ]) {
      const response = await call(ada, 'PATCH', `/v1/timers/${timer.id}`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe('HARK_ERR_VALIDATION');
    }
  });

  it('answers 409 HARK_ERR_INVALID_STATE for an action that does not fit, 400 for removing too much', async () => {
    const timer = await start(ada, { durationSeconds: 60 });
    const resume = await call(ada, 'PATCH', `/v1/timers/${timer.id}`, { action: 'resume' });
    expect(resume.statusCode).toBe(409);
    expect(resume.json().error).toMatchObject({ code: 'HARK_ERR_INVALID_STATE', details: { state: 'ON' } });
    const removeAll = await call(ada, 'PATCH', `/v1/timers/${timer.id}`, {
      action: 'remove_time',
      seconds: 60,
    });
    expect(removeAll.statusCode).toBe(400);
    expect(removeAll.json().error.code).toBe('HARK_ERR_INVALID_DURATION');
    await call(ada, 'DELETE', `/v1/timers/${timer.id}`);
    expect((await call(ada, 'DELETE', `/v1/timers/${timer.id}`)).statusCode).toBe(409);
  });

  it("answers 404 for another user's timer exactly as for an unknown one", async () => {
    const timer = await start(ada, { durationSeconds: 600 });
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { action: 'pause' }],
      ['DELETE', undefined],
    ] as const) {
      const theirs = await call(bob, method, `/v1/timers/${timer.id}`, body);
      const unknown = await call(bob, method, '/v1/timers/tmr_doesnotexist', body);
      expect(theirs.statusCode).toBe(404);
      expect(theirs.json().error.code).toBe('HARK_ERR_NOT_FOUND');
      expect(unknown.statusCode).toBe(404);
    }
    expect((await call(ada, 'GET', `/v1/timers/${timer.id}`)).json().timer.state).toBe('ON');
    expect((await call(bob, 'GET', '/v1/timers')).json().timers).toEqual([]);
  });

  it('answers 409 HARK_ERR_LIMIT_REACHED over TIMERS_MAX_ACTIVE', async () => {
    await start(limited, { durationSeconds: 60 });
    const second = await start(limited, { durationSeconds: 60 });
    const third = await call(limited, 'POST', '/v1/timers', { durationSeconds: 60 });
    expect(third.statusCode).toBe(409);
    expect(third.json().error).toMatchObject({ code: 'HARK_ERR_LIMIT_REACHED', details: { limit: 2 } });
    await call(limited, 'DELETE', `/v1/timers/${second.id}`);
    expect((await call(limited, 'POST', '/v1/timers', { durationSeconds: 60 })).statusCode).toBe(201);
  });

  it('is described in OpenAPI, with an API key required', async () => {
    const spec = (await router.app.inject({ url: '/openapi.json' })).json();
    for (const [path, methods] of [
      ['/v1/timers', ['get', 'post']],
      ['/v1/timers/{id}', ['get', 'patch', 'delete']],
      ['/v1/alarms/{id}', ['get', 'patch', 'delete']],
      ['/v1/reminders/{id}', ['get', 'patch', 'delete']],
    ] as const) {
      expect(Object.keys(spec.paths[path] ?? {}), path).toEqual(expect.arrayContaining([...methods]));
      for (const method of methods) expect(spec.paths[path][method].security).toEqual([{ apiKey: [] }]);
    }
    expect(Object.keys(spec.paths['/v1/timers'].post.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '409']),
    );
  });

  it('needs an API key', async () => {
    expect((await router.app.inject({ url: '/v1/timers' })).statusCode).toBe(401);
  });

  it('is the same state as voice: set by voice, read and stopped over REST, finished by the scheduler', async () => {
    const turn = await router.app.inject({
      method: 'POST',
      url: '/v1/converse',
      headers: bearer(bob),
      payload: { text: 'set a pasta timer for 10 minutes', deviceId: 'speaker' },
    });
    expect(turn.json().reply.text).toBe('Pasta timer set for 10 minutes.');
    const [timer] = (await call(bob, 'GET', '/v1/timers')).json().timers;
    expect(timer).toMatchObject({ name: 'pasta', deviceId: 'speaker', state: 'ON' });

    clock.advance(10 * 60_000);
    await router.app.scheduler.runDue();
    expect((await call(bob, 'GET', `/v1/timers/${timer.id}`)).json().timer).toMatchObject({
      state: 'FINISHED',
      remainingMs: 0,
    });
    const events = await router.testRedis.redis.xrange(router.keys.events('bob'), '-', '+');
    expect(events.map(([, fields]) => fields[1])).toEqual(['timer.started', 'timer.finished']);
  });
});
