// The operator console in a real Chromium: what it does when a user lookup fails, and the
// confirmation a kill switch asks for before turning a feature off for everyone.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN } from '../../services/router/src/testing/test-router.js';
import { saveScreenshot } from './support/chromium.js';
import { openConsole } from './support/console-page.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

let stack: WebStack;
let page: Page;
/** Every call the page makes to /admin, as "METHOD path". */
const adminCalls: string[] = [];
beforeAll(async () => {
  stack = await startWebStack();
  await stack.userWithKey('ada');
  page = await stack.newPage();
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/admin')) adminCalls.push(`${request.method()} ${pathname}`);
  });
  await openConsole(page, stack.url);
}, 30_000);
afterAll(() => stack?.close());

const killSwitchesNow = async () =>
  (
    await stack.router.app.inject({
      url: '/admin/kill-switches',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    })
  ).json().switchedOff;

async function lookUp(userId: string) {
  await page.fill('form.lookup input[name="userId"]', userId);
  await page.click('form.lookup button[type="submit"]');
}

describe('the operator console', () => {
  it('clears the last user and shows why when a lookup fails', async () => {
    await page.click('nav a[data-view="users"]');
    await page.locator('body[data-loaded="users"]').waitFor({ state: 'attached' });
    await lookUp('ada');
    await page.locator('[data-user-entitlements="ada"]').waitFor();
    expect(await page.locator('form.grant').count()).toBe(1);

    await lookUp('nobody');
    const failed = page.locator('[data-lookup-failed="nobody"]');
    await failed.waitFor();
    // Nothing of ada's is left to act on by mistake.
    expect(await page.locator('[data-user-entitlements]').count()).toBe(0);
    expect(await page.locator('form.grant').count()).toBe(0);
    expect(await failed.locator('.error-code').textContent()).toBe('HARK_ERR_NOT_FOUND');
    expect(await failed.textContent()).toContain('User nobody');
    await saveScreenshot(page, 'console-lookup-failed');
  });

  it('asks before a kill switch turns a feature off for everyone, and Cancel changes nothing', async () => {
    await page.click('nav a[data-view="plans"]');
    await page.locator('body[data-loaded="plans"]').waitFor({ state: 'attached' });
    const dialog = page.locator('dialog.confirm');
    const callsBefore = adminCalls.length;

    await page.locator('button[data-kill-switch="conversation"]').click();
    await dialog.waitFor({ state: 'visible' });
    const said = (await dialog.textContent()) ?? '';
    // What stops, for whom: every user, and the plans that include it by name.
    expect(said).toContain('Switch off conversation for everyone?');
    expect(said).toMatch(/AI stops answering/);
    expect(said).toContain('every user on every plan');
    expect(said).toContain('Premium (premium)');
    expect(said).not.toContain('Free (free)');
    await saveScreenshot(page, 'console-kill-switch-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(adminCalls.slice(callsBefore)).toEqual([]);
    expect(await killSwitchesNow()).toEqual([]);
    expect(await page.locator('button[data-kill-switch="conversation"]').textContent()).toBe(
      'Switch off for everyone',
    );

    // Escape is a cancel too.
    await page.locator('button[data-kill-switch="conversation"]').click();
    await dialog.waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(adminCalls.slice(callsBefore)).toEqual([]);

    await page.locator('button[data-kill-switch="conversation"]').click();
    await dialog.getByRole('button', { name: 'Switch off conversation' }).click();
    await page.locator('#notice', { hasText: 'conversation is off for everyone' }).waitFor();
    expect(await killSwitchesNow()).toEqual(['conversation']);

    // Switching back on gives back what was taken: no question asked.
    await page.locator('button[data-kill-switch="conversation"]').click();
    await page.locator('#notice', { hasText: 'conversation is back on' }).waitFor();
    expect(await killSwitchesNow()).toEqual([]);
  });
});
