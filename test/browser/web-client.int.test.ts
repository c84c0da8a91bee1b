// The web client in a real browser (Debian's Chromium through playwright-core) against a real,
// listening router + entitlement service + Open-Meteo stand-in. Screenshots go to
// test-artifacts/browser/ for a person to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from './support/chromium.js';
import { openWithKey as openPage, type PageGlobals, pageProblems, say } from './support/web-page.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

let stack: WebStack;
beforeAll(async () => {
  stack = await startWebStack();
}, 30_000);
afterAll(() => stack?.close());

/** Opens the page with the key already saved, as on any visit after the first. */
const openWithKey = async (key: string) => openPage(await stack.newPage(), stack.url, key);

/** "0:03" -> 3 */
const toSeconds = (shown: string) => {
  const [minutes = 0, seconds = 0] = shown.split(':').map(Number);
  return minutes * 60 + seconds;
};

describe('the web client', () => {
  it('asks for the key once, sets a 3 second timer that counts down, rings, and stops', async () => {
    const key = await stack.userWithKey('tess');
    const page = await stack.newPage();
    const problems = pageProblems(page);
    const response = await page.goto(stack.url);
    // The page runs under the strict policy: no inline script or style is needed.
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(page.locator('#key-panel').isVisible()).resolves.toBe(true);
    await expect(page.locator('#app').isVisible()).resolves.toBe(false);
    await page.locator('#key-input').fill(key);
    await page.locator('#key-form button[type="submit"]').click();
    await page.locator('#live-status[data-status="live"]').waitFor();

    const reply = await say(page, 'set a timer for 3 seconds');
    expect(await reply.locator('.text').textContent()).toMatch(/3 second/i);
    const countdown = '#timers .timer.running .countdown';
    await page.locator(countdown).waitFor();
    // Watch the countdown tick: at least two values, each lower than the one before.
    const seen: number[] = [];
    await expect
      .poll(
        async () => {
          const text = await page
            .locator(countdown)
            .textContent({ timeout: 200 })
            .catch(() => null);
          const seconds = text ? toSeconds(text) : null;
          if (seconds !== null && seconds !== seen.at(-1)) seen.push(seconds);
          return seen.length;
        },
        { timeout: 5_000, interval: 100 },
      )
      .toBeGreaterThanOrEqual(2);
    expect(seen[0]).toBeLessThanOrEqual(3);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    await saveScreenshot(page, 'timer-counting-down');

    const ringing = page.locator('#ringing .ring.timer');
    await ringing.waitFor({ timeout: 8_000 });
    expect(await ringing.textContent()).toMatch(/time's up/i);
    await expect(page.locator('#timers .timer').count()).resolves.toBe(0);
    await saveScreenshot(page, 'timer-ringing');

    await ringing.getByRole('button', { name: 'Stop' }).click();
    await page.locator('#ringing').waitFor({ state: 'hidden' });
    const timers = await stack.router.app.inject({
      url: '/v1/timers',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(timers.json().timers).toMatchObject([{ state: 'FINISHED', stoppedAt: expect.any(String) }]);

    // The key was kept: a reload goes straight to the app.
    await page.reload();
    await page.locator('#live-status[data-status="live"]').waitFor();
    await expect(page.locator('#key-panel').isVisible()).resolves.toBe(false);

    // Saying "stop" silences a ringing timer too; the page learns it from the event stream.
    await say(page, 'set a timer for 1 second');
    await page.locator('#ringing .ring.timer').waitFor({ timeout: 8_000 });
    const stopped = await say(page, 'stop');
    // Said back in words, never an empty reply (once shown as a bare "✓").
    expect(await stopped.locator('.text').textContent()).toBe('OK, stopped the 1 second timer.');
    await page.locator('#ringing').waitFor({ state: 'hidden' });
    await saveScreenshot(page, 'timer-stopped');
    expect(problems).toEqual([]);
  }, 40_000);

  it('reconnects a dropped event stream with Last-Event-ID and shows what happened meanwhile', async () => {
    const key = await stack.userWithKey('rex');
    const page = await stack.newPage();
    const resumedFrom: (string | null)[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/v1/events')) resumedFrom.push(request.headers()['last-event-id'] ?? null);
    });
    await openPage(page, stack.url, key);
    const startTimer = (name: string) =>
      stack.router.app.inject({
        method: 'POST',
        url: '/v1/timers',
        headers: { authorization: `Bearer ${key}` },
        payload: { durationSeconds: 600, name },
      });
    await startTimer('tea');
    await page.locator('#timers .timer', { hasText: 'tea timer' }).waitFor();

    stack.router.app.server.closeAllConnections();
    await page.locator('#live-status:not([data-status="live"])').waitFor();
    await startTimer('rice');
    await page.locator('#timers .timer', { hasText: 'rice timer' }).waitFor({ timeout: 10_000 });
    await page.locator('#live-status[data-status="live"]').waitFor();
    expect(resumedFrom[0]).toBeNull();
    expect(resumedFrom[1]).toMatch(/^\d+-\d+$/);
  });

  it('answers the weather from the Open-Meteo stand-in', async () => {
    const page = await openWithKey(await stack.userWithKey('wes'));
    const reply = await say(page, "what's the weather in paris tomorrow");
    expect(await reply.locator('.text').textContent()).toMatch(
      /^Tomorrow in Paris, France: .+, high \d+°C, low \d+°C\.$/,
    );
    expect(await reply.locator('.meta').textContent()).toContain('weather.get');
    expect(stack.weather.requestsTo('/v1/forecast').length).toBeGreaterThan(0);
    await saveScreenshot(page, 'weather');
  });

  it('shows a free user past the trial the upsell, and says billing is off when Upgrade is pressed', async () => {
    const key = await stack.userWithKey('fay');
    for (let turn = 0; turn < 5; turn++)
      await stack.router.app.entitlements.consume('fay', 'conversation.trial_turns_per_month');
    const page = await openWithKey(key);
    await page.locator('#plan-name').waitFor();
    expect(await page.locator('#plan-name').textContent()).toBe('Free');

    const reply = await say(page, "what's the time complexity of quicksort");
    expect(await reply.getAttribute('data-handled-by')).toBe('fallback');
    const upsell = reply.locator('.upsell');
    expect(await upsell.textContent()).toMatch(/Upgrade to Premium/);
    await page.locator('#account .usage').getByText('5 of 5').waitFor();
    await saveScreenshot(page, 'upsell');

    await upsell.getByRole('button', { name: 'Upgrade' }).click();
    const message = upsell.locator('.billing-outcome');
    await message.waitFor();
    expect(await message.textContent()).toMatch(/billing \(Stripe\) is not configured/);
    await saveScreenshot(page, 'upgrade-without-stripe');
  });

  it('shows the lists, and a refused key in plain words, with the technical detail kept out of sight', async () => {
    const page = await openWithKey(await stack.userWithKey('lou'));
    await say(page, 'add eggs and milk to my shopping list');
    const shopping = page.locator('#lists [data-list="shopping"]');
    await shopping.locator('.list-items li').getByText('milk').waitFor();
    expect(await shopping.locator('.list-items li span').allTextContents()).toEqual(['eggs', 'milk']);

    // A refused key: a plain message, and the key form opens again.
    await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).localStorage.setItem('hark.apiKey', 'not-a-key'),
    );
    await page.locator('#say-input').fill('what time is it');
    await page.locator('#say-input').press('Enter');
    const error = page.locator('#errors .error[data-code="HARK_ERR_UNAUTHORIZED"]');
    await error.waitFor();
    const plain = "That key wasn't accepted. Check it and try again.";
    expect(await error.locator('span').textContent()).toBe(plain);
    await expect(page.locator('#key-panel').isVisible()).resolves.toBe(true);
    const reply = page.locator('#transcript .turn.hark').last();
    await reply.and(page.locator(':not([aria-busy])')).waitFor();
    expect(await reply.locator('.text').textContent()).toBe(plain);
    // Codes and the server's developer wording are for a tooltip, not for the page.
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered for a person, not hidden text
    const shown = await page.locator('body').innerText();
    for (const technical of ['HARK_ERR', 'Authorization', 'Bearer', 'credentials'])
      expect(shown).not.toContain(technical);
    expect(await error.getAttribute('title')).toMatch(/^HARK_ERR_UNAUTHORIZED \(401\): /);
    await saveScreenshot(page, 'lists-and-refused-key');
  });

  it('hides the microphone where the browser has no speech recognition, and text still works', async () => {
    const page = await stack.newPage();
    await page.addInitScript(
      (key) => {
        (globalThis as unknown as PageGlobals).localStorage.setItem('hark.apiKey', key);
        // As in Firefox: no SpeechRecognition at all.
        Reflect.deleteProperty(globalThis, 'webkitSpeechRecognition');
        Reflect.deleteProperty(globalThis, 'SpeechRecognition');
      },
      await stack.userWithKey('nia'),
    );
    await page.goto(stack.url);
    await page.locator('#live-status[data-status="live"]').waitFor();
    await expect(page.locator('#mic').isVisible()).resolves.toBe(false);
    expect(await page.locator('#voice-note').textContent()).toMatch(/Voice input is not available/);
    const reply = await say(page, 'what is the date today');
    expect(await reply.getAttribute('data-handled-by')).toBe('skill');
  });
});
