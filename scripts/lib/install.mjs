// Makes `npm start` / `npm test` work straight after `git clone`: installs and builds on demand.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { log, mustRun, repoRoot } from './run.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * Why dependencies must be (re)installed, or null when node_modules is current.
 * npm writes node_modules/.package-lock.json as the last step of every install, so it is
 * newer than package-lock.json exactly when the installed tree matches the lockfile.
 */
export function installReason(root = repoRoot) {
  const modules = path.join(root, 'node_modules');
  if (!existsSync(modules)) return 'node_modules is missing';
  const lockfile = path.join(root, 'package-lock.json');
  if (!existsSync(lockfile)) return null;
  const marker = path.join(modules, '.package-lock.json');
  const installedAt = statSync(existsSync(marker) ? marker : modules).mtimeMs;
  return statSync(lockfile).mtimeMs > installedAt ? 'package-lock.json changed since the last install' : null;
}

export async function ensureInstalled(root = repoRoot) {
  const reason = installReason(root);
  if (!reason) return;
  // `npm ci` installs exactly the lockfile; without one, `npm install` creates it.
  const args = existsSync(path.join(root, 'package-lock.json')) ? ['ci'] : ['install'];
  log(`${reason}: running \`npm ${args[0]}\` (once per dependency change)`);
  await mustRun(npm, args, { cwd: root });
}

/** `npm run build` (tsc -b): incremental, so a second run with no changes takes about a second. */
export async function build(root = repoRoot) {
  log('building (tsc -b)');
  await mustRun(npm, ['run', 'build', '--silent'], { cwd: root });
}
