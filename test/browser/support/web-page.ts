import type { Page } from 'playwright-core';

/** What the functions run inside the page use of it (test/ is type-checked without the DOM lib). */
export interface PageGlobals {
  localStorage: { setItem(key: string, value: string): void };
}

/** Opens the web client with the key already saved, as on any visit after the first; waits for live events. */
export async function openWithKey(page: Page, url: string, key: string): Promise<Page> {
  await page.addInitScript(
    (saved) => (globalThis as unknown as PageGlobals).localStorage.setItem('hark.apiKey', saved),
    key,
  );
  await page.goto(url);
  await page.locator('#live-status[data-status="live"]').waitFor();
  return page;
}

/** Types `text` and sends it; resolves the reply bubble once the turn is complete. */
export async function say(page: Page, text: string) {
  const reply = await send(page, text);
  await reply.and(page.locator(':not([aria-busy])')).waitFor();
  return reply;
}

/** Types `text` and sends it; resolves the reply bubble at once, while it may still be streaming. */
export async function send(page: Page, text: string) {
  const before = await page.locator('#transcript .turn.hark').count();
  await page.locator('#say-input').fill(text);
  await page.locator('#say-input').press('Enter');
  const reply = page.locator('#transcript .turn.hark').nth(before);
  await reply.waitFor();
  return reply;
}

/** Collects what the page reports as broken: uncaught exceptions, console errors (CSP violations among them). */
export function pageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  return problems;
}
