// The browser tests (test/browser) drive Debian's Chromium through playwright-core; no browser is
// ever downloaded. `npm test` makes sure it is there first. Node builtins only.
import { existsSync } from 'node:fs';
import { findExecutable } from './redis.mjs';
import { log as defaultLog, mustRun, run } from './run.mjs';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const INSTALL_COMMAND = 'apt-get install -y chromium';

/**
 * What to do about Chromium: 'present', 'install' (root with apt-get: install it ourselves) or
 * 'missing' (ask the person running the tests). Pure, so it can be tested without a machine.
 */
export function chromiumPlan({ exists, isRoot, hasAptGet }) {
  if (exists) return 'present';
  return isRoot && hasAptGet ? 'install' : 'missing';
}

export function missingChromiumMessage(chromiumPath = CHROMIUM_PATH) {
  return (
    `Chromium not found at ${chromiumPath}: the browser tests (test/browser) need it. Install it with ` +
    `\`sudo ${INSTALL_COMMAND}\` (Debian/Ubuntu), then run npm test again.`
  );
}

/** Makes sure Debian's Chromium exists, installing it with apt-get when running as root; else throws. */
export async function ensureChromium({ env = process.env, log = defaultLog, ...options } = {}) {
  // CHROMIUM_PATH points the browser tests (test/browser/support/chromium.ts) at another build.
  const chromiumPath = options.chromiumPath ?? env.CHROMIUM_PATH ?? CHROMIUM_PATH;
  const plan = chromiumPlan({
    exists: existsSync(chromiumPath),
    isRoot: process.getuid?.() === 0,
    hasAptGet: findExecutable('apt-get', env.PATH) !== null,
  });
  if (plan === 'present') return;
  if (plan === 'missing') throw new Error(missingChromiumMessage(chromiumPath));
  log(`Chromium: ${chromiumPath} is missing; running \`${INSTALL_COMMAND}\` (once)`);
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  // Wait for another apt run (holding the dpkg lock) instead of failing at once.
  const install = ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', 'chromium'];
  if ((await run('apt-get', install, { env: aptEnv })) !== 0) {
    // A fresh container has no package lists yet: fetch them and try once more.
    log('Chromium: apt-get install failed; running `apt-get update` and trying again');
    await mustRun('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'update'], { env: aptEnv });
    await mustRun('apt-get', install, { env: aptEnv });
  }
  if (!existsSync(chromiumPath)) throw new Error(missingChromiumMessage(chromiumPath));
  log(`Chromium: installed at ${chromiumPath}`);
}
