// Small process helpers shared by the npm scripts. Node builtins only: these run before `npm install`.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const windows = process.platform === 'win32';
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;

/** Wraps text in an ANSI colour code when stdout is a terminal. */
export function paint(code, text) {
  return useColor ? `\x1b[${code}m${text}\x1b[0m` : text;
}

export function log(message) {
  console.log(`${paint('1;34', 'hark')} ${message}`);
}

/**
 * A tool from node_modules/.bin, called directly rather than through `npx`: no npm start-up
 * cost, and a missing tool fails instead of being fetched from the registry.
 */
export function bin(name) {
  return path.join(repoRoot, 'node_modules', '.bin', windows ? `${name}.cmd` : name);
}

const running = new Set();
let stopRequested = false;

/**
 * Runs a command with inherited stdio (unless told otherwise); resolves with its exit code.
 * `onChild` receives the ChildProcess, e.g. to read piped output.
 */
export function run(command, args, { onChild, ...options } = {}) {
  if (stopRequested) return Promise.resolve(130);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit', shell: windows, ...options });
    running.add(child);
    onChild?.(child);
    child.on('error', reject);
    // 'close', not 'exit': piped output is fully read by then.
    child.on('close', (code, signal) => {
      running.delete(child);
      resolve(code ?? (signal ? 128 + signalNumber(signal) : 1));
    });
  });
}

/**
 * Ctrl-C, SIGTERM or SIGHUP ask the running command to stop and let the script wind down
 * normally (so it still stops the Redis it started); a second signal exits at once.
 */
export function stopOnSignals() {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (stopRequested) process.exit(130);
      stopRequested = true;
      log(`${signal}: stopping (again to force)`);
      for (const child of running) child.kill('SIGTERM');
    });
  }
}

export const wasStopRequested = () => stopRequested;

/** SIGTERM, then SIGKILL after a grace period; resolves once the process has exited. */
export async function stopProcess(child, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Like run(), but a non-zero exit becomes an error that names the command. */
export async function mustRun(command, args, options) {
  const code = await run(command, args, options);
  if (code !== 0) {
    const shown = [path.basename(command), ...args].join(' ');
    throw Object.assign(new Error(`\`${shown}\` failed with exit code ${code}`), { exitCode: code });
  }
}

function signalNumber(signal) {
  return { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[signal] ?? 1;
}

/**
 * Entry-point wrapper: expected failures (missing Redis, a failed build) print one clear
 * message instead of a stack trace, and exit with the failing command's code when known.
 */
export function main(fn) {
  fn().catch((error) => {
    console.error(`${paint('1;31', 'hark')} ${error?.message ?? error}`);
    if (process.env.DEBUG && error?.stack) console.error(error.stack);
    process.exit(error?.exitCode || 1);
  });
}
