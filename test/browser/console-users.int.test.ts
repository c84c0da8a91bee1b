// The operator console's user list in a real Chromium against the router: every user newest first,
// a page at a time, found by the start of their id or name, and opened with a click.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from './support/chromium.js';
import { openConsole } from './support/console-page.js';
import { pageProblems } from './support/web-page.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

let stack: WebStack;
let page: Page;
let problems: string[];
/** Ids in the order they were made. */
const made: string[] = [];

beforeAll(async () => {
  stack = await startWebStack();
  const people = ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra', 'Barbara Liskov'];
  for (let index = 0; index < 25; index++) {
    const id = `user-${String(index).padStart(2, '0')}`;
    await stack.router.app.users.createUser({ id, name: `${people[index % people.length]} ${index}` });
    made.push(id);
    await new Promise((resolve) => setTimeout(resolve, 2)); // distinct creation times
  }
  page = await stack.newPage();
  problems = pageProblems(page);
  await openConsole(page, stack.url, 'users');
}, 30_000);
afterAll(() => stack?.close());

const listedIds = () =>
  page
    .locator('table.users tbody tr')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-user-id')));

describe("the console's user list", () => {
  it('lists users newest first, twenty at a time, and More shows the rest', async () => {
    const newestFirst = [...made].reverse();
    await page.locator('table.users tbody tr').first().waitFor();
    expect(await listedIds()).toEqual(newestFirst.slice(0, 20));
    expect(await page.locator('table.users tbody tr').first().textContent()).toContain('Barbara Liskov 24');
    await saveScreenshot(page, 'console-users');
    await page.locator('[data-more-users]').click();
    await page.locator('table.users tbody tr').nth(24).waitFor();
    expect(await listedIds()).toEqual(newestFirst);
    expect(await page.locator('[data-more-users]').isHidden()).toBe(true);
  });

  it('finds users by the start of their id or name as the operator types', async () => {
    await page.locator('.user-search input[name="query"]').fill('grace');
    await page.locator('.user-list[data-listed="grace"]').waitFor();
    // A to Z by the text that matched: "grace hopper 12" comes before "grace hopper 2".
    expect(await listedIds()).toEqual(['user-12', 'user-17', 'user-02', 'user-22', 'user-07']);
    expect(await page.locator('.user-list .hint').textContent()).toBe(
      'Users whose id or name starts with “grace”, A to Z.',
    );

    await page.locator('.user-search input[name="query"]').fill('USER-1');
    await page.locator('.user-list[data-listed="USER-1"]').waitFor();
    expect(await listedIds()).toEqual(made.slice(10, 20));

    await page.locator('.user-search input[name="query"]').fill('hopper');
    await page.locator('.user-list[data-listed="hopper"]').waitFor();
    expect(await listedIds()).toEqual([]);
    expect(await page.locator('.user-list .hint').textContent()).toBe(
      "No user's id or name starts with “hopper”.",
    );
  });

  it('opens a user with a click: the account, its keys, and its entitlements', async () => {
    await stack.router.app.users.addApiKey('user-07');
    await page.locator('.user-search input[name="query"]').fill('grace');
    await page.locator('.user-list[data-listed="grace"]').waitFor();
    await page.locator('[data-open-user="user-07"]').click();
    const account = page.locator('[data-user-detail="user-07"]');
    await account.waitFor();
    await page.locator('[data-user-entitlements="user-07"]').waitFor();
    expect(await account.textContent()).toContain('Grace Hopper 7');
    expect(await account.textContent()).toMatch(/API keys…[\w-]{4}/);
    expect(await page.inputValue('form.lookup input[name="userId"]')).toBe('user-07');
    expect(await page.locator('[data-effective-plan]').textContent()).toBe('Free (free)');
    await saveScreenshot(page, 'console-user-opened');
    expect(problems).toEqual([]);
  });
});
