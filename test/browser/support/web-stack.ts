import type { AddressInfo } from 'node:net';
import { type OpenMeteoStandIn, startOpenMeteoStandIn } from '@hark/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ADMIN_TOKEN,
  startTestEntitlements,
  type TestEntitlements,
} from '../../../services/entitlements/src/testing/test-entitlements.js';
import { startTestRouter, type TestRouter } from '../../../services/router/src/testing/test-router.js';
import { launchChromium } from './chromium.js';

/**
 * What the web client needs, all real and listening on 127.0.0.1: the router (serving the page,
 * firing timers with the real clock), the entitlement service on the same Redis prefix (plans,
 * /v1/me, billing without Stripe: 503) and the Open-Meteo stand-in; plus Debian's Chromium.
 */
export interface WebStack {
  url: string;
  router: TestRouter;
  entitlements: TestEntitlements;
  weather: OpenMeteoStandIn;
  browser: Browser;
  /** A user on the seeded free plan; returns the API key. */
  userWithKey(id: string): Promise<string>;
  /** A fresh browser context (own localStorage) and page; closed with the stack. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** `stripe`: billing through the Stripe stand-in; without it checkout answers 503, as with no keys. */
export async function startWebStack(options: { stripe?: boolean } = {}): Promise<WebStack> {
  const weather = await startOpenMeteoStandIn();
  const entitlements = await startTestEntitlements({ stripe: options.stripe ?? false, env: { ADMIN_TOKEN } });
  const entitlementsUrl = await entitlements.app.listen({ port: 0, host: '127.0.0.1' });
  const router = await startTestRouter({
    REDIS_PREFIX: entitlements.testRedis.prefix,
    ENTITLEMENTS_URL: entitlementsUrl,
    WEATHER_API_URL: weather.url,
    GEOCODING_API_URL: weather.url,
  });
  await router.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(router.app.server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  const { newPage, closePages } = pagesOf(browser);
  return {
    url,
    router,
    entitlements,
    weather,
    browser,
    userWithKey: (id) => router.userWithKey(id, 'Europe/Paris'),
    newPage,
    async close() {
      await closePages();
      await browser.close();
      // Open event streams would hold close() until they time out.
      const closing = router.close();
      router.app.server.closeAllConnections();
      await closing;
      await entitlements.close();
      await weather.close();
    },
  };
}

/** Pages in fresh contexts (own localStorage), as a user in Paris with an English browser. */
export function pagesOf(browser: Browser): { newPage(): Promise<Page>; closePages(): Promise<void> } {
  const contexts: BrowserContext[] = [];
  return {
    async newPage() {
      const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Paris' });
      contexts.push(context);
      return context.newPage();
    },
    async closePages() {
      await Promise.all(contexts.map((context) => context.close()));
    },
  };
}
