import { fixedClock } from '@hark/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestRouter, type TestRouter } from '../testing/test-router.js';

const clock = fixedClock('2026-11-26T12:00:00Z');
let router: TestRouter;
let ada: string;
let bob: string;

beforeAll(async () => {
  router = await startTestRouter({ REMINDERS_MAX_ACTIVE: '2' }, { clock });
  ada = await router.userWithKey('ada', 'America/New_York');
  bob = await router.userWithKey('bob');
});
afterAll(() => router.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const call = (key: string, method: Method, url: string, payload?: Record<string, unknown>) =>
  router.app.inject({ method, url, headers: bearer(key), ...(payload ? { payload } : {}) });

describe('/v1/reminders', () => {
  it('creates at a local time or after a delay, reschedules and cancels', async () => {
    const at = await call(ada, 'POST', '/v1/reminders', { text: 'call mom', at: '2026-11-26T17:00' });
    expect(at.statusCode).toBe(201);
    expect(at.json().reminder).toMatchObject({
      text: 'call mom',
      state: 'SCHEDULED',
      dueAt: '2026-11-26T22:00:00.000Z',
      timeZone: 'America/New_York',
    });
    const id = at.json().reminder.id;
    const later = await call(ada, 'PATCH', `/v1/reminders/${id}`, { action: 'reschedule', inSeconds: 3600 });
    expect(later.json().reminder).toMatchObject({ dueAt: '2026-11-26T13:00:00.000Z', version: 2 });
    expect((await call(ada, 'GET', `/v1/reminders/${id}`)).json().reminder.version).toBe(2);
    expect((await call(ada, 'DELETE', `/v1/reminders/${id}`)).json().reminder.state).toBe('CANCELLED');
    expect((await call(ada, 'GET', '/v1/reminders?state=SCHEDULED')).json().reminders).toEqual([]);
  });

  it.each([
    [{ text: 'x' }, 'HARK_ERR_VALIDATION'],
    [{ text: 'x', at: '2026-11-27T09:00', inSeconds: 60 }, 'HARK_ERR_VALIDATION'],
    [{ text: '', inSeconds: 60 }, 'HARK_ERR_VALIDATION'],
    [{ text: 'x', inSeconds: 0 }, 'HARK_ERR_VALIDATION'],
    [{ text: 'x', inSeconds: -60 }, 'HARK_ERR_VALIDATION'],
    [{ text: 'x', at: 'tomorrow' }, 'HARK_ERR_VALIDATION'],
    [{ text: 'x', at: '2026-02-30T09:00' }, 'HARK_ERR_INVALID_TIME'],
    [{ text: 'x', at: '2026-11-26T06:00' }, 'HARK_ERR_INVALID_TIME'],
  ])('refuses %j with 400 %s', async (payload, code) => {
    const response = await call(ada, 'POST', '/v1/reminders', payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe(code);
  });

  it("answers 404 for another user's reminder, and 409 over REMINDERS_MAX_ACTIVE", async () => {
    const mine = (await call(ada, 'POST', '/v1/reminders', { text: 'a', inSeconds: 60 })).json().reminder;
    expect((await call(bob, 'GET', `/v1/reminders/${mine.id}`)).statusCode).toBe(404);
    expect((await call(bob, 'DELETE', `/v1/reminders/${mine.id}`)).statusCode).toBe(404);
    await call(ada, 'POST', '/v1/reminders', { text: 'b', inSeconds: 60 });
    const over = await call(ada, 'POST', '/v1/reminders', { text: 'c', inSeconds: 60 });
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('HARK_ERR_LIMIT_REACHED');
  });

  it('is the same state as voice', async () => {
    const turn = await router.app.inject({
      method: 'POST',
      url: '/v1/converse',
      headers: bearer(bob),
      payload: { text: 'remind me to call mom in 10 minutes' },
    });
    expect(turn.json().reply.text).toBe("OK, I'll remind you in 10 minutes: call mom.");
    expect((await call(bob, 'GET', '/v1/reminders')).json().reminders).toMatchObject([
      { text: 'call mom', dueAt: '2026-11-26T12:10:00.000Z' },
    ]);
  });
});
