import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); `npm test` installs it when it can. Never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Quiet and self-contained: no GPU, no sandbox (containers run as root), no calls home, no QUIC.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const ARTIFACTS_FOLDER = path.join(repoRoot, 'test-artifacts', 'browser');

/**
 * Launches the system Chromium. Playwright gives every launch a fresh temporary user-data-dir
 * (and removes it on close), so no profile, cookie or localStorage survives from a previous run;
 * each `browser.newContext()` is isolated again.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} not found: install Debian's Chromium (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
}

/** Saves a full-page screenshot as test-artifacts/browser/<name>.png (git-ignored); returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_FOLDER, { recursive: true });
  const file = path.join(ARTIFACTS_FOLDER, `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
