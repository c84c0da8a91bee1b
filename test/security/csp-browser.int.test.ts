// The Content-Security-Policy as a browser applies it: the web client, the operator console and
// Swagger UI load under it with no violation, and Swagger UI really needs its one exception.
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRouter, type TestRouter } from '../../services/router/src/testing/test-router.js';
import { launchChromium } from '../browser/support/chromium.js';

let router: TestRouter;
let browser: Browser;
let base: string;

beforeAll(async () => {
  router = await startTestRouter();
  await router.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(router.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await router?.close();
});

/** Every CSP violation the page reports, from the DOM event and from the console. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) =>
      window.reportViolation(event.violatedDirective + ' ' + event.blockedURI));`,
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

describe('the policy in Chromium', () => {
  it.each(['/', '/console/'])('%s loads with no violation', async (path) => {
    const page = await browser.newPage();
    const violations = await watchViolations(page);
    const response = await page.goto(`${base}${path}`);
    expect(response?.status()).toBe(200);
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('Swagger UI renders every operation and expands one with no violation', async () => {
    const page = await browser.newPage();
    const violations = await watchViolations(page);
    await page.goto(`${base}/docs/`);
    await page.waitForSelector('.opblock-summary');
    expect(await page.locator('.opblock-summary').count()).toBeGreaterThan(20);
    await page.locator('.opblock-summary').first().click();
    await page.waitForSelector('.opblock-body');
    expect(violations).toEqual([]);
    await page.close();
  });

  it("Swagger UI is blocked without its style-src 'unsafe-inline' (so the exception is needed)", async () => {
    const page = await browser.newPage();
    const violations = await watchViolations(page);
    await page.route('**/docs/**', async (route) => {
      const response = await route.fetch();
      const headers = response.headers();
      headers['content-security-policy'] = String(headers['content-security-policy']).replace(
        " 'unsafe-inline'",
        '',
      );
      await route.fulfill({ response, headers });
    });
    await page.goto(`${base}/docs/`);
    await page.waitForSelector('.opblock-summary');
    expect(violations.some((violation) => /style-src/.test(violation))).toBe(true);
    await page.close();
  });
});
