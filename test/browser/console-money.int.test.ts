// The Money area of the operator console in a real Chromium, against the router and the entitlement
// service with the Stripe stand-in, after the scripted month of issue 21 (services/entitlements/src/
// testing/scripted-month.ts: renewals, a failed payment, upgrades, churn, a refund, the premium gate
// into checkout, trials, a reactivation) played through signed webhooks on the service's clock.
// Every figure the console shows must be the one GET /admin/insights answers, the charts must be
// drawn to scale, and an operator marks a user internal from the user view.
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fixedClock } from '@hark/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsightsMoney } from '../../packages/client/src/types.js';
import { playScriptedMonth, SCRIPTED_MONTH } from '../../services/entitlements/src/testing/scripted-month.js';
import {
  ADMIN_TOKEN,
  startTestEntitlements,
  type TestEntitlements,
} from '../../services/entitlements/src/testing/test-entitlements.js';
import { startTestRouter, type TestRouter } from '../../services/router/src/testing/test-router.js';
import { ARTIFACTS_FOLDER, launchChromium, saveScreenshot } from './support/chromium.js';
import { openConsole } from './support/console-page.js';
import { moneyMetrics } from './support/money-metrics.js';
import { pagesOf } from './support/web-stack.js';

const clock = fixedClock('2026-02-01T00:00:00Z');
let entitlements: TestEntitlements;
let router: TestRouter;
let url: string;
let pages: ReturnType<typeof pagesOf>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const pageProblems: string[] = [];
const { from, to } = SCRIPTED_MONTH.range;

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, checked by the assertions that read them.
type Json = any;

async function call(
  path: string,
  token: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  entitlements = await startTestEntitlements({ clock, env: { ADMIN_TOKEN, INSIGHTS_FOLD_INTERVAL_MS: '0' } });
  const entitlementsUrl = await entitlements.app.listen({ port: 0, host: '127.0.0.1' });
  await playScriptedMonth(entitlements, clock);
  clock.set(SCRIPTED_MONTH.reportAt);
  router = await startTestRouter({
    REDIS_PREFIX: entitlements.testRedis.prefix,
    ENTITLEMENTS_URL: entitlementsUrl,
  });
  await router.app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(router.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  pages = pagesOf(browser);
  page = await pages.newPage();
  page.on('pageerror', (error) => pageProblems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      pageProblems.push(`console: ${message.text()}`);
  });
  await openConsole(page, url, 'insights');
  await showScriptedMonth();
}, 120_000);
afterAll(async () => {
  await pages?.closePages();
  await browser?.close();
  await router?.close();
  await entitlements?.close();
});

/** The report for the scripted month, as the console asks for it. */
async function scriptedMonthInsights(): Promise<InsightsMoney> {
  const { status, body } = await call(`/admin/insights?from=${from}&to=${to}`, ADMIN_TOKEN);
  expect(status).toBe(200);
  expect(body.aggregation.caughtUp).toBe(true);
  return body;
}

async function showScriptedMonth() {
  await page.fill('form.range input[name="from"]', from);
  await page.fill('form.range input[name="to"]', to);
  await page.click('form.range button[type="submit"]');
  await page.locator('[data-money] [data-metric="mrr.2026-03.usd.end"]').waitFor();
}

/** Each mark of a chart: its series, its value, and its length (height, or width for horizontal bars). */
function marks(selector: string, length: 'height' | 'width') {
  return page.$$eval(
    `${selector} rect[data-value]`,
    (rects, attribute) =>
      rects.map((rect) => ({
        series: rect.getAttribute('data-series') ?? '',
        value: Number(rect.getAttribute('data-value')),
        length: Number(rect.getAttribute(attribute)),
      })),
    length,
  );
}

function expectToScale(drawn: { value: number; length: number }[]) {
  expect(drawn.length).toBeGreaterThan(0);
  const scale = drawn[0]!.length / drawn[0]!.value;
  for (const mark of drawn) expect(mark.length).toBeCloseTo(mark.value * scale, 6);
}

describe('the Money area of the operator console', () => {
  it('shows every money figure GET /admin/insights answers', async () => {
    const insights = await scriptedMonthInsights();
    for (const section of ['revenue', 'mrr', 'customers', 'margin', 'funnel', 'people', 'budgetGuard'])
      expect(insights, section).toHaveProperty(section);
    // What the script did, as the report must see it: MRR moved both ways, a refund, the gate.
    const march = insights.mrr.find((row) => row.month === '2026-03' && row.currency === 'usd');
    expect(march?.newMinor).toBeGreaterThan(0);
    expect(march?.churnedMinor).toBeGreaterThan(0);
    const refunded = insights.revenue.filter((row) => row.month === '2026-03' && row.refunds > 0);
    expect(refunded.length).toBeGreaterThan(0);
    expect(insights.funnel.gateShown).toBeGreaterThan(0);

    const shown = await page.$$eval('[data-money] [data-metric]', (elements) =>
      Object.fromEntries(
        elements.map((element) => [element.getAttribute('data-metric'), element.textContent?.trim()]),
      ),
    );
    expect(shown).toEqual(moneyMetrics(insights));
    await saveScreenshot(page, 'console-money-page');
    await page.locator('[data-money]').screenshot({ path: path.join(ARTIFACTS_FOLDER, 'console-money.png') });
  });

  it('draws MRR movements as bars above and below the axis, and the funnel, to scale', async () => {
    const insights = await scriptedMonthInsights();
    const drawn = await marks('[data-mrr-chart="usd"]', 'height');
    const movements = insights.mrr
      .filter((row) => row.currency === 'usd')
      .flatMap((row) =>
        (
          [
            ['new', row.newMinor],
            ['expansion', row.expansionMinor],
            ['reactivation', row.reactivationMinor],
            ['contraction', row.contractionMinor],
            ['churned', row.churnedMinor],
          ] as const
        )
          .filter(([, value]) => value > 0)
          .map(([series, value]) => ({ series, value })),
      );
    expect(drawn.map(({ series, value }) => ({ series, value }))).toEqual(movements);
    expectToScale(drawn);
    // Gains stand on the axis and losses hang from it.
    const rects = await page.$$eval('[data-mrr-chart="usd"] rect[data-value]', (all) =>
      all.map((rect) => ({
        series: rect.getAttribute('data-series') ?? '',
        top: Number(rect.getAttribute('y')),
        bottom: Number(rect.getAttribute('y')) + Number(rect.getAttribute('height')),
      })),
    );
    const losses = rects.filter((rect) => ['contraction', 'churned'].includes(rect.series));
    const gains = rects.filter((rect) => !losses.includes(rect));
    const axis = Math.max(...gains.map((rect) => rect.bottom));
    expect(Math.min(...losses.map((rect) => rect.top))).toBeCloseTo(axis, 6);
    for (const gain of gains) expect(gain.bottom).toBeLessThanOrEqual(axis + 1e-6);
    for (const loss of losses) expect(loss.top).toBeGreaterThanOrEqual(axis - 1e-6);

    const funnel = await marks('[data-funnel-chart]', 'width');
    expect(funnel.map((mark) => mark.value)).toEqual([
      insights.funnel.gateShown,
      insights.funnel.checkoutStarted,
      insights.funnel.checkoutCompleted,
      insights.funnel.paidWithin7Days,
      insights.funnel.paidWithin30Days,
    ]);
    expectToScale(funnel.filter((mark) => mark.value > 0));
  });

  it('puts the definitions one click away from each section', async () => {
    const sections = page.locator('[data-money] section.card');
    const total = await sections.count();
    expect(total).toBe(6);
    for (let index = 0; index < total; index++) {
      const toggle = sections.nth(index).locator('details.definitions').first();
      expect(await toggle.locator('p').first().isVisible()).toBe(false);
      await toggle.locator('summary').click();
      expect(await toggle.locator('p').first().isVisible()).toBe(true);
    }
    // Text alternatives: every chart is an image with a label, every table has a caption.
    const unlabelled = await page.$$eval(
      '[data-money] svg[role="img"]',
      (charts) => charts.filter((chart) => !chart.getAttribute('aria-label')).length,
    );
    expect(unlabelled).toBe(0);
    const uncaptioned = await page.$$eval(
      '[data-money] table',
      (tables) => tables.filter((table) => !table.querySelector('caption')?.textContent?.trim()).length,
    );
    expect(uncaptioned).toBe(0);
  });

  it('marks a user internal from the user view, lists them, and clears the mark', async () => {
    await page.click('nav a[data-view="users"]');
    await page.locator('body[data-loaded="users"]').waitFor({ state: 'attached' });
    await page.fill('form.lookup input[name="userId"]', 'f01');
    await page.click('form.lookup button[type="submit"]');
    await page.locator('form[data-internal-mark="counted"]').waitFor();
    await page.fill('form[data-internal-mark] input[name="note"]', 'load test key');
    await page.click('form[data-internal-mark] button[type="submit"]');
    await page.locator('#notice', { hasText: 'Marked f01 internal' }).waitFor();
    await page.locator('form[data-internal-mark="internal"]').waitFor();
    // The scripted month already marked its load-test user; f01 joins it.
    const listed = await call('/admin/internal-users', ADMIN_TOKEN);
    const tester = expect.objectContaining({ userId: SCRIPTED_MONTH.internalUser, internal: true });
    expect(listed.body.users).toEqual(
      expect.arrayContaining([
        tester,
        expect.objectContaining({
          userId: 'f01',
          internal: true,
          note: 'load test key',
          markedBy: 'bootstrap',
        }),
      ]),
    );
    expect(listed.body.users).toHaveLength(2);
    const row = page.locator('[data-internal-users] tr[data-internal-user="f01"]');
    await row.waitFor();
    expect(await row.locator('td').nth(1).textContent()).toBe('load test key');
    await saveScreenshot(page, 'console-internal-user');

    await page.click('form[data-internal-mark] button[type="submit"]');
    await page.locator('#notice', { hasText: 'f01 counts in insights again' }).waitFor();
    await page.locator('form[data-internal-mark="counted"]').waitFor();
    expect((await call('/admin/internal-users', ADMIN_TOKEN)).body.users).toEqual([tester]);
    await page.locator('[data-internal-users] tr[data-internal-user="f01"]').waitFor({ state: 'detached' });
  });

  it('raised no script error in the page', () => {
    expect(pageProblems).toEqual([]);
  });
});
