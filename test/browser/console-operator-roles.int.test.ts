// The operator console in a real Chromium with named operator tokens: the header names the operator
// behind the token and their role, and an action their role may not take shows the server's 403 in
// words, without asking for the token again.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN } from '../../services/router/src/testing/test-router.js';
import { saveScreenshot } from './support/chromium.js';
import { openConsole } from './support/console-page.js';
import { type PageGlobals, pageProblems } from './support/web-page.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

let stack: WebStack;

beforeAll(async () => {
  stack = await startWebStack();
  await stack.userWithKey('ada');
}, 30_000);
afterAll(() => stack?.close());

/** A named operator token, made by the bootstrap owner as `POST /admin/operators` would. */
async function operatorToken(name: string, role: string): Promise<string> {
  const response = await stack.router.app.inject({
    method: 'POST',
    url: '/admin/operators',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    payload: { name, role },
  });
  expect(response.statusCode).toBe(201);
  return response.json().token;
}

const signedInAs = async (page: Page) => {
  const label = page.locator('#operator-name[data-role]');
  await label.waitFor();
  return label.textContent();
};

describe('the console with operator roles', () => {
  it('names the bootstrap owner in the header', async () => {
    const page = await openConsole(await stack.newPage(), stack.url);
    expect(await signedInAs(page)).toBe('Signed in as bootstrap (owner)');
  });

  it('shows a viewer who they are, and a refused action as a readable message, keeping the token', async () => {
    const token = await operatorToken('Vic Viewer', 'viewer');
    const page = await stack.newPage();
    const problems = pageProblems(page);
    await openConsole(page, stack.url, 'plans', token);
    expect(await signedInAs(page)).toBe('Signed in as Vic Viewer (viewer)');

    // Plans are readable by a viewer; saving one needs billing.
    const limit = page.locator('form[data-plan="free"] input[data-limit="timers.max_active"]');
    await limit.fill('11');
    await page.click('form[data-plan="free"] button[type="submit"]');
    const banner = page.locator('#error');
    await banner.waitFor({ state: 'visible' });
    expect(await banner.locator('.error-code').textContent()).toBe('HARK_ERR_INSUFFICIENT_ROLE');
    expect(await banner.locator('.error-status').textContent()).toBe(' (403)');
    expect(await banner.locator('.error-message').textContent()).toMatch(
      /Your operator role "viewer" may not do this; it needs "billing"/,
    );
    expect(await banner.locator('.error-hint').textContent()).toContain('Ask an owner for a token');
    await saveScreenshot(page, 'console-role-too-low');
    // Not a wrong token: no dialog, and the token is kept.
    expect(await page.locator('#token-dialog').isVisible()).toBe(false);
    expect(await page.evaluate(`localStorage.getItem('hark.console.token')`)).toBe(token);
    const plan = await stack.router.app.inject({
      url: '/admin/plans/free',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(plan.json().plan.limits['timers.max_active']).toBe(10);

    // A user lookup needs support: shown in place, again without asking for a token.
    await page.click('nav a[data-view="users"]');
    await page.locator('body[data-loaded="users"]').waitFor({ state: 'attached' });
    await page.fill('form.lookup input[name="userId"]', 'ada');
    await page.click('form.lookup button[type="submit"]');
    const failed = page.locator('[data-lookup-failed="ada"]');
    await failed.waitFor();
    expect(await failed.locator('.error-code').textContent()).toBe('HARK_ERR_INSUFFICIENT_ROLE');
    expect(await page.locator('#token-dialog').isVisible()).toBe(false);
    // Chromium notes each 403 the test provoked as "Failed to load resource"; anything else is a fault.
    expect(problems.filter((problem) => !problem.includes('Failed to load resource'))).toEqual([]);
  });

  it('names the new operator once a refused token is replaced through the dialog', async () => {
    const token = await operatorToken('Sue Support', 'support');
    const page = await stack.newPage();
    await page.addInitScript(() =>
      (globalThis as unknown as PageGlobals).localStorage.setItem('hark.console.token', 'not-a-token'),
    );
    await page.goto(`${stack.url}/console/#plans`);
    await page.locator('#token-dialog').waitFor({ state: 'visible' });
    expect(await page.locator('#operator-name').textContent()).toBe('');
    await page.fill('#token-input', token);
    await page.click('#token-dialog button[type="submit"]');
    expect(await signedInAs(page)).toBe('Signed in as Sue Support (support)');
  });
});
