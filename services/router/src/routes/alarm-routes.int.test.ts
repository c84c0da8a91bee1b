import { fixedClock } from '@hark/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestRouter, type TestRouter } from '../testing/test-router.js';

// Thursday 26 November 2026, 13:00 in Berlin.
const clock = fixedClock('2026-11-26T12:00:00Z');
let router: TestRouter;
let ada: string;
let bob: string;

beforeAll(async () => {
  router = await startTestRouter({ ALARMS_MAX_ACTIVE: '3' }, { clock });
  ada = await router.userWithKey('ada', 'Europe/Berlin');
  bob = await router.userWithKey('bob');
});
afterAll(() => router.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const call = (key: string, method: Method, url: string, payload?: Record<string, unknown>) =>
  router.app.inject({ method, url, headers: bearer(key), ...(payload ? { payload } : {}) });

// The app's own scheduler, on the same fixed clock: claims and fires whatever is due now.
const runScheduler = () => router.app.scheduler.runDue();

describe('/v1/alarms', () => {
  it("sets an alarm in the user's zone by default, rings it, snoozes and stops it", async () => {
    const created = await call(ada, 'POST', '/v1/alarms', {
      time: '07:00',
      repeat: 'weekdays',
      label: 'work',
    });
    expect(created.statusCode).toBe(201);
    const alarm = created.json().alarm;
    expect(alarm).toMatchObject({
      state: 'SCHEDULED',
      timeZone: 'Europe/Berlin',
      ringsAt: '2026-11-27T06:00:00.000Z',
      label: 'work',
      repeat: 'weekdays',
    });
    const snoozeEarly = await call(ada, 'PATCH', `/v1/alarms/${alarm.id}`, { action: 'snooze' });
    expect(snoozeEarly.statusCode).toBe(409);
    expect(snoozeEarly.json().error).toMatchObject({
      code: 'HARK_ERR_INVALID_STATE',
      details: { state: 'SCHEDULED' },
    });

    clock.set('2026-11-27T06:00:00Z');
    await runScheduler();
    expect((await call(ada, 'GET', `/v1/alarms/${alarm.id}`)).json().alarm.state).toBe('RINGING');
    const snoozed = await call(ada, 'PATCH', `/v1/alarms/${alarm.id}`, { action: 'snooze' });
    expect(snoozed.json().alarm).toMatchObject({ state: 'SNOOZED', dueAt: '2026-11-27T06:09:00.000Z' });
    const stopped = await call(ada, 'PATCH', `/v1/alarms/${alarm.id}`, { action: 'stop' });
    // Friday's alarm is done; the next weekday is Monday.
    expect(stopped.json().alarm).toMatchObject({ state: 'SCHEDULED', ringsAt: '2026-11-30T06:00:00.000Z' });
    const cancelled = await call(ada, 'DELETE', `/v1/alarms/${alarm.id}`);
    expect(cancelled.json().alarm.state).toBe('CANCELLED');
    expect((await call(ada, 'DELETE', `/v1/alarms/${alarm.id}`)).statusCode).toBe(409);
    clock.set('2026-11-26T12:00:00Z');
  });

  it.each([
    [{ time: '7am' }, 'HARK_ERR_VALIDATION'],
    [{ time: '25:00' }, 'HARK_ERR_VALIDATION'],
    [{ time: '07:60' }, 'HARK_ERR_VALIDATION'],
    [{ time: '07:00', date: '26/11/2026' }, 'HARK_ERR_VALIDATION'],
    [{ time: '07:00', repeat: 'fortnightly' }, 'HARK_ERR_VALIDATION'],
    [{ time: '07:00', date: '2026-02-30' }, 'HARK_ERR_INVALID_TIME'],
    [{ time: '07:00', date: '2026-11-26' }, 'HARK_ERR_INVALID_TIME'],
    [{ time: '07:00', timezone: 'Mars/Olympus' }, 'HARK_ERR_INVALID_TIMEZONE'],
  ])('refuses %j with 400 %s', async (payload, code) => {
    const response = await call(ada, 'POST', '/v1/alarms', payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe(code);
  });

  it("takes the request's zone over the user's", async () => {
    const alarm = (
      await call(bob, 'POST', '/v1/alarms', { time: '07:00', timezone: 'America/New_York' })
    ).json().alarm;
    expect(alarm).toMatchObject({ timeZone: 'America/New_York', ringsAt: '2026-11-27T12:00:00.000Z' });
    await call(bob, 'DELETE', `/v1/alarms/${alarm.id}`);
  });

  it("answers 404 for another user's alarm, and 409 over ALARMS_MAX_ACTIVE", async () => {
    const alarm = (await call(ada, 'POST', '/v1/alarms', { time: '08:00' })).json().alarm;
    expect((await call(bob, 'GET', `/v1/alarms/${alarm.id}`)).statusCode).toBe(404);
    expect((await call(bob, 'PATCH', `/v1/alarms/${alarm.id}`, { action: 'stop' })).statusCode).toBe(404);
    expect((await call(bob, 'DELETE', `/v1/alarms/${alarm.id}`)).statusCode).toBe(404);
    for (const time of ['09:00', '10:00', '11:00']) await call(bob, 'POST', '/v1/alarms', { time });
    const over = await call(bob, 'POST', '/v1/alarms', { time: '12:00' });
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('HARK_ERR_LIMIT_REACHED');
    expect((await call(bob, 'GET', '/v1/alarms?state=SCHEDULED')).json().alarms).toHaveLength(3);
  });
});
