// The operator console's plan cards at the widths operators use, in a real Chromium: no card may
// cover another, and nothing inside a card may stick out of it (a limit hidden behind the next
// card, or past the edge of the window, is a limit the operator cannot read or edit).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from './support/chromium.js';
import { openConsole } from './support/console-page.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

let stack: WebStack;
let page: Page;
beforeAll(async () => {
  stack = await startWebStack();
  page = await openConsole(await stack.newPage(), stack.url);
}, 30_000);
afterAll(() => stack?.close());

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
interface CardLayout {
  plan: string;
  box: Box;
  /** Descendants whose box reaches outside the card's, as "tag.class: how far". */
  sticksOut: string[];
}

/** Each plan card's box (the new-plan form's too) and what inside it sticks out (run in the page). */
function planCardLayouts(
  page: Page,
): Promise<{ viewportWidth: number; pageWidth: number; cards: CardLayout[] }> {
  return page.$$eval('form.plan', (cards) => {
    const boxOf = (element: { getBoundingClientRect(): Box }) => {
      const { left, top, right, bottom } = element.getBoundingClientRect();
      return { left, top, right, bottom };
    };
    const layouts = cards.map((card) => {
      const box = boxOf(card);
      const sticksOut = new Set<string>();
      for (const inner of card.querySelectorAll('*')) {
        const own = boxOf(inner);
        if (own.right === own.left || own.bottom === own.top) continue;
        const past = Math.max(box.left - own.left, own.right - box.right, own.bottom - box.bottom);
        const name = `${inner.tagName.toLowerCase()}${inner.className ? `.${inner.className}` : ''}`;
        if (past > 0.5) sticksOut.add(`${name} ${inner.textContent?.trim().slice(0, 40) ?? ''}`);
      }
      return { plan: card.getAttribute('data-plan') ?? 'new', box, sticksOut: [...sticksOut] };
    });
    const root = cards[0]?.ownerDocument.documentElement;
    return { viewportWidth: root?.clientWidth ?? 0, pageWidth: root?.scrollWidth ?? 0, cards: layouts };
  });
}

const overlap = (a: Box, b: Box) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
  Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;

describe('the plan cards of the operator console', () => {
  for (const width of [1280, 1024, 768, 390]) {
    it(`neither overlap nor clip their contents ${width} px wide`, async () => {
      await page.setViewportSize({ width, height: 900 });
      await page.locator('form[data-plan="free"] input[data-limit="timers.max_active"]').waitFor();
      const { viewportWidth, pageWidth, cards } = await planCardLayouts(page);
      await saveScreenshot(page, `console-plans-${width}`);
      expect(cards.map((card) => card.plan)).toEqual(['free', 'premium', 'new']);
      const overlapping = cards.flatMap((a, i) =>
        cards.slice(i + 1).flatMap((b) => (overlap(a.box, b.box) ? [`${a.plan} and ${b.plan}`] : [])),
      );
      expect(overlapping).toEqual([]);
      expect(Object.fromEntries(cards.map((card) => [card.plan, card.sticksOut]))).toEqual(
        Object.fromEntries(cards.map((card) => [card.plan, []])),
      );
      // Inside the window: nothing needs sideways scrolling to be seen.
      for (const card of cards) expect(card.box.right, card.plan).toBeLessThanOrEqual(viewportWidth);
      expect(pageWidth).toBe(viewportWidth);
    });
  }
});
