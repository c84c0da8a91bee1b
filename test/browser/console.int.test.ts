import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { InsightsResponse } from '@hark/contracts';
import { loadConfig } from '@hark/core';
import { type OpenAiStandIn, startOpenAiStandIn, testRedisEnv } from '@hark/testing';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConversationService } from '../../services/conversation/src/app.js';
import {
  startTestEntitlements,
  type TestEntitlements,
} from '../../services/entitlements/src/testing/test-entitlements.js';
import { createConversationClient } from '../../services/router/src/conversation/conversation-client.js';
import {
  ADMIN_TOKEN,
  startTestRouter,
  type TestRouter,
} from '../../services/router/src/testing/test-router.js';
import { launchChromium, saveScreenshot } from './support/chromium.js';

// The operator console in a real Chromium against the whole stack on one Redis prefix: the router
// (listening, serving /console and proxying /admin), the entitlement service, and the
// conversation service with the OpenAI stand-in, so insights have LLM turns and costs to show.

const INTERNAL_TOKEN = 'console-test-internal-token';
const OPERATOR = 'console-e2e';

let entitlements: TestEntitlements;
let standIn: OpenAiStandIn;
let conversation: FastifyInstance;
let router: TestRouter;
let baseUrl: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const keys: Record<string, string> = {};
/** Uncaught errors and console errors of the page (a CSP violation is one): none are expected. */
const pageProblems: string[] = [];

const listeningUrl = (app: FastifyInstance) =>
  `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

async function startStack() {
  entitlements = await startTestEntitlements({
    stripe: false,
    env: { ADMIN_TOKEN, INTERNAL_TOKEN, INSIGHTS_FOLD_INTERVAL_MS: '0' },
  });
  await entitlements.app.listen({ port: 0, host: '127.0.0.1' });
  const { prefix, redis } = entitlements.testRedis;
  standIn = await startOpenAiStandIn();
  conversation = await buildConversationService({
    config: loadConfig({
      ...testRedisEnv(),
      REDIS_PREFIX: prefix,
      NODE_ENV: 'test',
      INTERNAL_TOKEN,
      LLM_BASE_URL: standIn.url,
      LLM_API_KEY: 'sk-stand-in',
      LLM_MAX_RETRIES: '0',
    }),
    redis,
    logger: false,
  });
  await conversation.listen({ port: 0, host: '127.0.0.1' });
  router = await startTestRouter(
    { REDIS_PREFIX: prefix, ENTITLEMENTS_URL: listeningUrl(entitlements.app), INTERNAL_TOKEN },
    {
      conversation: createConversationClient({
        baseUrl: listeningUrl(conversation),
        internalToken: INTERNAL_TOKEN,
        timeoutMs: 10_000,
      }),
    },
  );
  await router.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = listeningUrl(router.app);
}

beforeAll(async () => {
  await startStack();
  for (const id of ['ada', 'bob', 'cy']) keys[id] = await router.userWithKey(id);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (error) => pageProblems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // "Failed to load resource" is Chromium noting a 4xx the test provoked; anything else is a fault.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      pageProblems.push(`console: ${message.text()}`);
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await router?.close();
  await conversation?.close();
  await standIn?.close();
  await entitlements?.close();
});

/** A call to the router as a client would make it (not through the page). */
async function call(path: string, token: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: await response.text() };
}
const callJson = async (path: string, token: string, init?: { method?: string; body?: unknown }) =>
  JSON.parse((await call(path, token, init)).body);

const me = (user: string) => callJson('/v1/me', keys[user]!);
const converse = (user: string, text: string) =>
  callJson('/v1/converse', keys[user]!, { method: 'POST', body: { text } });

async function enterToken(token: string) {
  const dialog = page.locator('#token-dialog');
  await dialog.waitFor({ state: 'visible' });
  await page.fill('#token-input', token);
  await page.fill('#operator-input', OPERATOR);
  await page.click('#token-dialog button[type="submit"]');
  await dialog.waitFor({ state: 'hidden' });
}

async function openView(name: string) {
  await page.click(`nav a[data-view="${name}"]`);
  await page.locator(`body[data-loaded="${name}"]`).waitFor({ state: 'attached' });
}

const text = async (selector: string) => ((await page.locator(selector).textContent()) ?? '').trim();
const noticeSays = (words: string) => page.locator('#notice', { hasText: words }).waitFor();

/** Polls until `condition` holds. */
async function eventually<T>(what: string, probe: () => Promise<T>, condition: (value: T) => boolean) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (condition(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: not met within 10 s (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('operator console', () => {
  it('is served at /console, asks for the operator token, then lists the plans', async () => {
    await page.goto(`${baseUrl}/console`);
    expect(page.url()).toBe(`${baseUrl}/console/`);
    await enterToken(ADMIN_TOKEN);
    await page.locator('form[data-plan="premium"]').waitFor();
    expect(await text('form[data-plan="free"] h3')).toContain('Free');
    expect(
      await page.inputValue('form[data-plan="premium"] input[data-limit="conversation.turns_per_day"]'),
    ).toBe('200');
    expect(await page.evaluate(`localStorage.getItem('hark.console.token')`)).toBe(ADMIN_TOKEN);
    await saveScreenshot(page, 'console-plans');
  });

  it('changes plan limits that take effect on GET /v1/me for users on those plans', async () => {
    await converse('ada', 'what time is it'); // counted by the insights test below
    const grant = await call('/admin/users/bob/grant', ADMIN_TOKEN, {
      method: 'PUT',
      body: { plan: 'premium', reason: 'console test' },
    });
    expect(grant.status).toBe(200);
    expect((await me('bob')).limits['conversation.turns_per_day']).toBe(200);
    expect((await me('ada')).limits['timers.max_active']).toBe(10);

    await page.fill('form[data-plan="premium"] input[data-limit="conversation.turns_per_day"]', '321');
    await page.click('form[data-plan="premium"] button[type="submit"]');
    await noticeSays('Saved plan premium');
    await page.fill('form[data-plan="free"] input[data-limit="timers.max_active"]', '12');
    await page.click('form[data-plan="free"] button[type="submit"]');
    await noticeSays('Saved plan free');

    expect((await me('bob')).limits['conversation.turns_per_day']).toBe(321);
    expect((await me('ada')).limits['timers.max_active']).toBe(12);
    // The router's own cached view (which enforces the timer limit) drops the old plan on the change message.
    await eventually(
      "the router's view of the free plan",
      () => router.app.entitlements.limit('ada', 'timers.max_active'),
      (limit) => limit === 12,
    );
    // Only what changed was sent, under the operator's name.
    const audit = await callJson('/admin/audit?limit=2', ADMIN_TOKEN);
    expect(audit.entries.map((entry: { target: string }) => entry.target)).toEqual([
      'plan:free',
      'plan:premium',
    ]);
    expect(audit.entries[0].note).toBe(OPERATOR);
    expect(audit.entries[0].actor).toMatchObject({ name: 'bootstrap', role: 'owner' });
    expect(audit.entries[0].after.limits['timers.max_active']).toBe(12);
    expect(audit.entries[0].after.limits['conversation.trial_turns_per_month']).toBe(5);
  });

  it('shows an API error as code and message, and toggles a kill switch', async () => {
    // Premium takes a Stripe price; giving the same price to free must be refused, and say why.
    const priced = await call('/admin/plans/premium', ADMIN_TOKEN, {
      method: 'PATCH',
      body: { price: { stripePriceId: 'price_taken', amount: 500, currency: 'usd', interval: 'month' } },
    });
    expect(priced.status).toBe(200);
    await page.reload();
    await page.fill('form[data-plan="free"] input[data-limit="timers.max_active"]', '13');
    await page.check('form[data-plan="free"] input[name="paid"]');
    await page.fill('form[data-plan="free"] input[name="stripePriceId"]', 'price_taken');
    await page.click('form[data-plan="free"] button[type="submit"]');
    await page.locator('#error').waitFor({ state: 'visible' });
    expect(await text('#error .error-code')).toBe('HARK_ERR_PRICE_ALREADY_USED');
    expect(await text('#error .error-status')).toBe('(409)');
    expect(await text('#error .error-message')).toBe(
      'Stripe price "price_taken" is already used by plan "premium"',
    );
    expect((await me('ada')).limits['timers.max_active']).toBe(12);
    await saveScreenshot(page, 'console-error');

    await page.reload();
    await page.locator('button[data-kill-switch="voice.tts"]').click();
    await page.locator('dialog.confirm').getByRole('button', { name: 'Switch off voice.tts' }).click();
    await noticeSays('voice.tts is off for everyone');
    expect((await callJson('/admin/kill-switches', ADMIN_TOKEN)).switchedOff).toEqual(['voice.tts']);
    expect((await me('bob')).features['voice.tts']).toBe(false);
    await page.locator('button[data-kill-switch="voice.tts"]').click();
    await noticeSays('voice.tts is back on');
    expect((await me('bob')).features['voice.tts']).toBe(true);
  });

  it('asks for the token again when the router refuses it', async () => {
    await page.evaluate(`localStorage.setItem('hark.console.token', 'not-the-token')`);
    await page.reload();
    await page.locator('#token-dialog').waitFor({ state: 'visible' });
    const refused = JSON.parse((await call('/admin/plans', 'not-the-token')).body).error;
    expect(await text('#error .error-code')).toBe(refused.code);
    expect(await text('#error .error-message')).toBe(refused.message);
    expect(await text('#token-reason')).toContain('refused');
    await enterToken(ADMIN_TOKEN);
    await page.locator('form[data-plan="premium"]').waitFor();
    expect(await page.locator('#error').isHidden()).toBe(true);
  });

  it('looks a user up, and grants and revokes a plan', async () => {
    // cy, on free, spends the trial and hits the premium gate: the upsell insights count.
    for (let turn = 0; turn < 5; turn++)
      await router.app.entitlements.consume('cy', 'conversation.trial_turns_per_month');
    expect((await converse('cy', 'what is the meaning of life')).upsell).toMatchObject({ plan: 'premium' });

    await openView('users');
    await lookUp('cy');
    expect(await text('[data-effective-plan]')).toBe('Free (free)');
    await page.selectOption('form.grant select[name="plan"]', 'premium');
    await page.fill('form.grant input[name="reason"]', 'won a support raffle');
    await page.click('form.grant button[type="submit"]');
    await noticeSays('Granted premium to cy');
    await page.locator('[data-effective-plan]', { hasText: 'Premium (premium)' }).waitFor();
    expect((await me('cy')).plan.id).toBe('premium');
    await saveScreenshot(page, 'console-user');

    await lookUp('ada');
    await page.fill('form.grant input[name="reason"]', 'trying premium for a day');
    await page.fill('form.grant input[name="expiresAt"]', '2030-01-02T09:30');
    await page.click('form.grant button[type="submit"]');
    await noticeSays('Granted premium to ada');
    const granted = await me('ada');
    expect(granted.plan.id).toBe('premium');
    const explained = await callJson('/admin/users/ada/entitlements', ADMIN_TOKEN);
    // datetime-local is the browser's wall-clock time: the same instant the page computes.
    const expected = await page.evaluate(() => new Date('2030-01-02T09:30').toISOString());
    expect(explained.grant).toMatchObject({ planId: 'premium', expiresAt: expected, grantedBy: 'bootstrap' });
    await page.click('form.grant button[data-revoke]');
    await noticeSays('Revoked the grant of ada');
    expect((await me('ada')).plan.id).toBe('free');

    await openView('audit');
    const newest = (await callJson('/admin/audit?limit=1', ADMIN_TOKEN)).entries[0];
    const row = page.locator('table.audit tbody tr').first();
    expect(await row.getAttribute('data-audit-id')).toBe(newest.id);
    expect(await row.locator('td').nth(1).textContent()).toBe(`bootstrap (owner), note: ${OPERATOR}`);
    expect(await row.locator('td').nth(2).textContent()).toBe('grant.delete');
    expect(await row.locator('td').nth(3).textContent()).toBe('user:ada');
    await saveScreenshot(page, 'console-audit');
  });

  it('shows insights that match GET /admin/insights, and downloads the same CSV', async () => {
    for (const text of ['set a timer for 5 minutes', 'add milk to my shopping list'])
      expect((await converse('ada', text)).handledBy).toBe('skill');
    expect((await converse('bob', 'what time is it in tokyo')).handledBy).toBe('skill');
    for (const [user, text] of [
      ['bob', 'tell me a story about a lighthouse'],
      ['bob', 'why do cats purr'],
      ['cy', 'what is the meaning of life'],
    ] as const)
      expect((await converse(user, text)).handledBy).toBe('llm');
    // ada's first turn, cy's upsell, and the six above.
    const expectedInteractions = 8;
    const today = new Date().toISOString().slice(0, 10);
    const range = `from=${today}&to=${today}`;
    const insights = await eventually(
      'insights folded every interaction',
      () => callJson(`/admin/insights?${range}`, ADMIN_TOKEN),
      (body) => body.totals?.interactions === expectedInteractions && body.aggregation.caughtUp,
    );

    await openView('insights');
    await page.fill('form.range input[name="from"]', today);
    await page.fill('form.range input[name="to"]', today);
    await page.click('form.range button[type="submit"]');
    await page
      .locator('[data-metric="totals.interactions"]', { hasText: String(expectedInteractions) })
      .waitFor();
    await expectInsightsShown(insights);
    await saveScreenshot(page, 'console-insights');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-download-csv]')]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const fromApi = await call(`/admin/insights.csv?${range}`, ADMIN_TOKEN);
    expect(fromApi.status).toBe(200);
    // The aggregation rows are stamped with the moment of each request; everything else is the same.
    const unstamped = (body: string) => body.replace(/^aggregation,[^,]+,/gm, 'aggregation,<generatedAt>,');
    expect(unstamped(csv)).toBe(unstamped(fromApi.body));
    expect(csv).toContain(`daily,${today},*,,interactions,${expectedInteractions}`);

    await openView('users');
    await lookUp('bob');
    const usage = await callJson(`/admin/users/bob/usage?month=${today.slice(0, 7)}`, ADMIN_TOKEN);
    expect(usage.total.turns).toBe(2);
    expect(await text('[data-metric="usage.turns"]')).toBe('2');
    expect(await text('[data-metric="usage.cost"]')).toBe(microUsd(usage.total.costMicroUsd));
    expect(await text('[data-metric="usage.margin"]')).toBe(usd(usage.marginUsd));
  });

  it('raised no script error and no CSP violation in the page', () => {
    expect(pageProblems).toEqual([]);
  });
});

async function lookUp(userId: string) {
  await page.fill('form.lookup input[name="userId"]', userId);
  await page.click('form.lookup button[type="submit"]');
  await page.locator(`[data-user-entitlements="${userId}"]`).waitFor();
}

// The console's formats (en-US, fixed), to compare what it shows with the API's numbers.
const usd = (value: number) => `${value < 0 ? '-' : ''}$${Math.abs(value).toFixed(2)}`;
const microUsd = (value: number) => `${value < 0 ? '-' : ''}$${(Math.abs(value) / 1e6).toFixed(6)}`;
const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

/** Every figure the console marks with data-metric, against the API's answer for the same range. */
async function expectInsightsShown(insights: InsightsResponse) {
  const shown = await page.$$eval('[data-metric]', (elements) =>
    Object.fromEntries(
      elements.map((element) => [element.getAttribute('data-metric'), element.textContent?.trim()]),
    ),
  );
  const expected: Record<string, string> = {
    'totals.interactions': String(insights.totals.interactions),
    'totals.activeUsers': String(insights.totals.activeUsers),
    'totals.upsells': String(insights.totals.upsells),
    'totals.llmCost': microUsd(insights.totals.llmCostMicroUsd),
    'mix.utilityShare': percent(insights.mix.utilityShare),
    'mix.conversationShare': percent(insights.mix.conversationShare),
    'mix.fallbackShare': percent(insights.mix.fallbackShare),
    'gate.usersHitGate': String(insights.gate.usersHitGate),
    'gate.upgradedWithin7Days': String(insights.gate.upgradedWithin7Days),
    'gate.conversionRate7Days': percent(insights.gate.conversionRate7Days),
  };
  for (const category of insights.mix.categories.filter((each) => each.interactions > 0)) {
    expected[`mix.${category.category}.interactions`] = String(category.interactions);
    expected[`mix.${category.category}.share`] = percent(category.share);
  }
  for (const row of insights.months) {
    const key = `months.${row.month}.${row.tier}`;
    expected[`${key}.listPriceEstimate`] = usd(row.listPriceEstimateUsd);
    expected[`${key}.llmCost`] = microUsd(row.llmCostMicroUsd);
    expected[`${key}.listPriceMargin`] = usd(row.listPriceMarginUsd);
    expected[`${key}.listPriceMarginRatio`] = percent(row.listPriceMarginRatio);
    expected[`${key}.payingUsers`] = String(row.payingUsers);
  }
  for (const row of insights.llmUsers) {
    expected[`llmUsers.${row.month}.${row.tier}.avgCost`] = microUsd(row.avgCostMicroUsd);
    expected[`llmUsers.${row.month}.${row.tier}.usersWithLlm`] = String(row.usersWithLlm);
  }
  for (const row of insights.downstream) {
    expected[`downstream.${row.intent}.users`] = String(row.users);
    expected[`downstream.${row.intent}.payingUsers`] = String(row.payingUsers);
  }
  expect(Object.fromEntries(Object.keys(expected).map((name) => [name, shown[name]]))).toEqual(expected);
  // The data behind the figures is what this test made: 8 turns by 3 users, 3 of them on the LLM.
  expect(insights.totals.activeUsers).toBe(3);
  expect(insights.totals.byHandledBy).toEqual({ skill: 4, llm: 3, fallback: 1 });
  expect(insights.totals.llmCostMicroUsd).toBeGreaterThan(0);
  const premium = insights.months.find((row) => row.tier === 'premium');
  expect(premium?.listPriceEstimateUsd).toBeGreaterThan(0);
  // The intent chart names the intents used.
  const legend = await page.locator('[data-intent-chart] .legend').textContent();
  for (const intent of ['timer.start', 'list.add', 'time.get', 'llm']) expect(legend).toContain(intent);
}
