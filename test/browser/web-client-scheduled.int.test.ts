// Pending reminders and alarms in the web client, in a real Chromium against a real router: what
// is still to come shows how long until it rings ("in 7 h 20 min"), with its clock time beside it,
// and keeps counting as time passes. The page's clock is moved with Playwright's clock.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from './support/chromium.js';
import { openWithKey, pageProblems, say } from './support/web-page.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

let stack: WebStack;
beforeAll(async () => {
  stack = await startWebStack();
}, 30_000);
afterAll(() => stack?.close());

const MINUTE = 60_000;

/** A call to the router's REST API as `key`'s user. */
async function call(key: string, method: string, url: string, payload?: Record<string, unknown>) {
  const response = await stack.router.app.inject({
    method: method as 'GET',
    url,
    headers: { authorization: `Bearer ${key}` },
    ...(payload === undefined ? {} : { payload }),
  });
  return response.json();
}

/** Waits until `selector`'s text is `text` (the page re-renders countdowns four times a second). */
const shows = (page: Page, selector: string, text: string) =>
  expect.poll(() => page.locator(selector).textContent(), { timeout: 5_000 }).toBe(text);

describe('reminders and alarms in the web client', () => {
  it('lists pending reminders soonest first, with the time until each, and cancels one', async () => {
    const key = await stack.userWithKey('rae');
    const page = await stack.newPage();
    const problems = pageProblems(page);
    await openWithKey(page, stack.url, key);
    expect(await page.locator('#reminders-empty').isVisible()).toBe(true);

    await say(page, 'remind me to water the plants in 10 minutes');
    const rows = page.locator('#reminders .item.reminder');
    await rows.filter({ hasText: 'water the plants' }).waitFor();
    // One made elsewhere (another device, the REST API) arrives through the event stream.
    const { reminder } = await call(key, 'POST', '/v1/reminders', { text: 'call mum', inSeconds: 7200 });
    await rows.filter({ hasText: 'call mum' }).waitFor();
    expect(await page.locator('#reminders-empty').isVisible()).toBe(false);

    const water = rows.nth(0);
    const mum = rows.nth(1);
    expect(await water.textContent()).toContain('water the plants');
    expect(await water.locator('.countdown').textContent()).toBe('in 10 min');
    expect(await mum.locator('.countdown').textContent()).toBe('in 2 h');
    expect(await mum.locator('.when').textContent()).toMatch(/^(today|tomorrow) \d{2}:\d{2}$/);
    await saveScreenshot(page, 'reminders-pending');

    // Half an hour later (on the page's clock): the countdown follows.
    await page.clock.setFixedTime(Date.parse(reminder.dueAt) - 90 * MINUTE);
    await shows(page, '#reminders .item.reminder:nth-child(2) .countdown', 'in 1 h 30 min');

    await water.getByRole('button', { name: 'Cancel' }).click();
    await rows.filter({ hasText: 'water the plants' }).waitFor({ state: 'detached' });
    const { reminders } = await call(key, 'GET', '/v1/reminders');
    expect(reminders.find((each: { text: string }) => each.text === 'water the plants').state).toBe(
      'CANCELLED',
    );
    expect(await rows.count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('takes a reminder off the pending list when it comes due, and shows it in the banner', async () => {
    const key = await stack.userWithKey('ray');
    const page = await openWithKey(await stack.newPage(), stack.url, key);
    await call(key, 'POST', '/v1/reminders', { text: 'stretch', inSeconds: 1 });
    const row = page.locator('#reminders .item.reminder', { hasText: 'stretch' });
    await page
      .locator('#ringing .ring.reminder', { hasText: 'Reminder: stretch' })
      .waitFor({ timeout: 8_000 });
    await row.waitFor({ state: 'detached' });
    expect(await page.locator('#reminders-empty').isVisible()).toBe(true);
  });

  it('shows how long until an alarm rings, with its clock time, counting down as time passes', async () => {
    const key = await stack.userWithKey('al');
    const page = await openWithKey(await stack.newPage(), stack.url, key);
    const { alarm } = await call(key, 'POST', '/v1/alarms', { time: '07:30', label: 'gym' });
    const ringsAt = Date.parse(alarm.ringsAt);
    await page.clock.setFixedTime(ringsAt - (7 * 60 + 20) * MINUTE);
    const row = page.locator('#alarms .item.alarm');
    await row.waitFor();
    await shows(page, '#alarms .item.alarm .countdown', 'in 7 h 20 min');
    expect(await row.locator('.title').textContent()).toBe('Alarm · gym07:30');
    expect(await row.locator('.when').textContent()).toBe('07:30');
    await saveScreenshot(page, 'alarm-time-until');

    await page.clock.setFixedTime(ringsAt - 65 * MINUTE + 30_000);
    await shows(page, '#alarms .item.alarm .countdown', 'in 1 h 5 min');
    await page.clock.setFixedTime(ringsAt - 20_000);
    await shows(page, '#alarms .item.alarm .countdown', 'in 1 min');
  });

  it('words the time until something rings to the minute, rounded up', async () => {
    const page = await openWithKey(await stack.newPage(), stack.url, await stack.userWithKey('fred'));
    const shown = await page.evaluate(`import('/js/dom.js').then(({ formatTimeUntil }) =>
      [0, 1, 59_000, 60_000, 61_000, 3_600_000, 26_400_000, 26_399_000, 86_400_000, 183_600_000].map(formatTimeUntil))`);
    expect(shown).toEqual([
      'now',
      'in 1 min',
      'in 1 min',
      'in 1 min',
      'in 2 min',
      'in 1 h',
      'in 7 h 20 min',
      'in 7 h 20 min',
      'in 1 d',
      'in 2 d 3 h',
    ]);
  });
});
