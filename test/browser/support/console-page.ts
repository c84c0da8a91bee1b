import type { Page } from 'playwright-core';
import { ADMIN_TOKEN } from '../../../services/router/src/testing/test-router.js';
import type { PageGlobals } from './web-page.js';

/**
 * Opens the operator console with the operator token (default: the bootstrap owner's) already saved,
 * as on any visit after the first, and waits until `view` (default: plans) has loaded.
 */
export async function openConsole(
  page: Page,
  url: string,
  view = 'plans',
  token = ADMIN_TOKEN,
): Promise<Page> {
  await page.addInitScript((saved) => {
    (globalThis as unknown as PageGlobals).localStorage.setItem('hark.console.token', saved);
  }, token);
  await page.goto(`${url}/console/#${view}`);
  await page.locator(`body[data-loaded="${view}"]`).waitFor({ state: 'attached' });
  return page;
}
