// The paying side of the web client in a real browser: a premium user's reply streams in word by
// word (router -> conversation service -> OpenAI-compatible stand-in), and Upgrade opens the
// Stripe Checkout page the entitlement service created (Stripe stand-in).
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PremiumStack, startPremiumStack } from '../e2e/support/premium-stack.js';
import { launchChromium, saveScreenshot } from './support/chromium.js';
import { openWithKey, pageProblems, say, send } from './support/web-page.js';
import { pagesOf, startWebStack, type WebStack } from './support/web-stack.js';

describe('a premium user in the web client', () => {
  let stack: PremiumStack;
  let browser: Browser;
  let pages: ReturnType<typeof pagesOf>;
  let url: string;
  beforeAll(async () => {
    stack = await startPremiumStack('web-premium');
    await stack.router.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(stack.router.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    pages = pagesOf(browser);
  }, 30_000);
  afterAll(async () => {
    await pages?.closePages();
    await browser?.close();
    await stack?.close();
  });

  it('sees the reply grow as deltas arrive, the tool it used, and the timer it set', async () => {
    const page = await pages.newPage();
    const problems = pageProblems(page);
    await openWithKey(page, url, await stack.userWithKey('pia', 'premium'));
    const answer = 'Soft-boiled it is. Your egg timer is set for six minutes. Enjoy your breakfast!';
    // The model speaks beside its tool call, so it words the answer itself (without that, the
    // timer skill's own sentence would end the turn: services/conversation/src/tools/answer-complete.ts).
    stack.standIn.enqueue(
      {
        kind: 'tool_calls',
        text: 'Soft-boiled it is.',
        calls: [{ name: 'timer_start', arguments: { duration_seconds: 360, name: 'soft-boiled eggs' } }],
      },
      {
        kind: 'text',
        text: 'Your egg timer is set for six minutes. Enjoy your breakfast!',
        chunkDelayMs: 120,
      },
    );
    const reply = await send(page, 'I am boiling eggs, soft please, help me time them');

    // Part of the answer is on screen while the turn is still streaming.
    const partial = reply.and(page.locator('[aria-busy="true"]')).locator('.text:not(.pending)');
    await partial.waitFor();
    const shownEarly = (await partial.textContent()) ?? '';
    expect(shownEarly.length).toBeGreaterThan(0);
    expect(shownEarly.length).toBeLessThan(answer.length);
    expect(answer.startsWith(shownEarly)).toBe(true);
    await saveScreenshot(page, 'premium-streaming');

    await reply.and(page.locator(':not([aria-busy])')).waitFor();
    expect(await reply.locator('.text').textContent()).toBe(answer);
    expect(await reply.getAttribute('data-handled-by')).toBe('llm');
    expect(await reply.locator('.tool').textContent()).toContain('timer_start');
    await page.locator('#timers .timer', { hasText: 'soft-boiled eggs timer' }).waitFor();
    await saveScreenshot(page, 'premium-done');
    // GET /v1/me fails here (no entitlement service in this stack); the page copes, nothing else may fail.
    expect(problems.filter((problem) => !problem.includes('/v1/me'))).toEqual([]);
  });

  it('keeps the session across turns', async () => {
    const page = await openWithKey(await pages.newPage(), url, await stack.userWithKey('sam', 'premium'));
    stack.standIn.enqueue({ kind: 'text', text: 'Paris.' }, { kind: 'text', text: 'About 2.1 million.' });
    await say(page, 'what is the capital of france');
    await say(page, 'how many people live there');
    const sessions = stack.standIn.requests.slice(-2).map((request) => JSON.stringify(request.messages));
    // The second call carries the first exchange: the same session's memory.
    expect(sessions[1]).toContain('what is the capital of france');
    expect(sessions[1]).toContain('Paris.');
  });
});

describe('upgrading from the web client with Stripe configured', () => {
  let web: WebStack;
  beforeAll(async () => {
    web = await startWebStack({ stripe: true });
  }, 30_000);
  afterAll(() => web?.close());

  it('opens the Stripe Checkout page the server created for the plan', async () => {
    const page = await openWithKey(await web.newPage(), web.url, await web.userWithKey('una'));
    const upgrade = page.locator('#upgrade');
    await upgrade.waitFor();
    expect(await upgrade.textContent()).toBe('Upgrade to Premium');
    await saveScreenshot(page, 'before-checkout');
    await upgrade.click();
    await page.waitForURL(/\/c\/pay\/cs_/);
    const sessions = web.entitlements.stripe?.state.checkoutSessions ?? new Map();
    const session = [...sessions.values()].at(-1);
    expect(page.url()).toBe(session?.url);
    expect(session?.client_reference_id).toBe('una');
  });

  it('says so when the user comes back from a cancelled checkout', async () => {
    const page = await web.newPage();
    await openWithKey(page, `${web.url}/?billing=cancelled`, await web.userWithKey('cal'));
    expect(await page.locator('#billing-message').textContent()).toMatch(/cancelled: nothing was charged/);
    expect(page.url()).toBe(`${web.url}/`);
  });
});
