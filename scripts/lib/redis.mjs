// Finds a Redis for `npm start` / `npm test` / `npm run bench`, or starts one. Node builtins only:
// it runs before `npm install`, so it speaks RESP over node:net instead of using ioredis.
import { spawn } from 'node:child_process';
import {
  accessSync,
  constants,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { log as defaultLog, repoRoot, stopProcess } from './run.mjs';

export const DEFAULT_FALLBACK_URL = 'redis://127.0.0.1:6379';

/**
 * 1. REDIS_URL when set; 2. the fallback (127.0.0.1:6379) when it answers PING; 3. a redis-server
 * from PATH on a free port, append-only, data in .hark/redis/<purpose>, or in a temp dir removed
 * on stop() when `throwaway` (the default for purpose 'test').
 * Returns { url, source, dataDir?, stop() }; stop() only stops a server this call started.
 */
export async function findOrStartRedis(options = {}) {
  const {
    purpose = 'dev',
    env = process.env,
    fallbackUrl = DEFAULT_FALLBACK_URL,
    log = defaultLog,
  } = options;
  const throwaway = options.throwaway ?? purpose === 'test';
  if (env.REDIS_URL) {
    log(`Redis: using REDIS_URL (${redact(env.REDIS_URL)})`);
    return { url: env.REDIS_URL, source: 'env', stop: async () => {} };
  }
  if (await ping(fallbackUrl)) {
    log(`Redis: found one already running at ${fallbackUrl}`);
    return { url: fallbackUrl, source: 'found', stop: async () => {} };
  }
  const server = findExecutable('redis-server', env.PATH);
  if (!server) throw new Error(missingRedisMessage(fallbackUrl, purpose));
  const dataDir = throwaway
    ? mkdtempSync(path.join(os.tmpdir(), 'hark-redis-'))
    : path.join(repoRoot, '.hark', 'redis', purpose);
  mkdirSync(dataDir, { recursive: true });
  const leftover = throwaway ? null : await reuseLeftover(dataDir, log);
  return leftover ?? startRedis(server, dataDir, throwaway, log);
}

async function startRedis(server, dataDir, throwaway, log) {
  const port = await freePort();
  const args = ['--bind', '127.0.0.1', '--port', String(port), '--appendonly', 'yes', '--dir', dataDir];
  const { child, output } = spawnRedisServer(server, args);
  // Last resort if the calling script crashes: never leave a redis-server behind.
  const onExit = () => {
    child.kill(throwaway ? 'SIGKILL' : 'SIGTERM');
    if (throwaway) rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const url = `redis://127.0.0.1:${port}`;
  const stop = memo(async () => {
    process.removeListener('exit', onExit);
    await stopProcess(child); // redis-server flushes its append-only file on SIGTERM
    rmSync(throwaway ? dataDir : path.join(dataDir, 'owner.json'), { recursive: true, force: true });
  });
  try {
    await waitUntilReady(url, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  if (!throwaway) writeFileSync(path.join(dataDir, 'owner.json'), JSON.stringify({ pid: process.pid, port }));
  log(`Redis: started redis-server at ${url} (append-only, data in ${shortPath(dataDir)})`);
  return { url, source: 'started', dataDir, stop };
}

/**
 * A redis-server from an earlier run may still hold this data dir: another `npm start` still
 * running (share it, leave it alone), or a run that was killed -9 (take it over and stop it later).
 */
async function reuseLeftover(dataDir, log) {
  let owner;
  try {
    owner = JSON.parse(readFileSync(path.join(dataDir, 'owner.json'), 'utf8'));
  } catch {
    return null;
  }
  const url = `redis://127.0.0.1:${owner.port}`;
  const dir = await redisCommand(url, ['CONFIG', 'GET', 'dir']).catch(() => null);
  if (!Array.isArray(dir) || dir[1] !== realpathSync(dataDir)) return null;
  if (isAlive(owner.pid)) {
    log(`Redis: sharing ${url} with another Hark run (pid ${owner.pid})`);
    return { url, source: 'shared', dataDir, stop: async () => {} };
  }
  writeFileSync(path.join(dataDir, 'owner.json'), JSON.stringify({ pid: process.pid, port: owner.port }));
  log(`Redis: reusing ${url}, left running by an earlier run`);
  const stop = memo(async () => {
    await redisCommand(url, ['SHUTDOWN']).catch(() => {}); // the reply is the connection closing
    rmSync(path.join(dataDir, 'owner.json'), { force: true });
  });
  return { url, source: 'started', dataDir, stop };
}

/**
 * Starts redis-server with `args`, keeping the tail of what it prints for error messages. Its own
 * process group: a terminal Ctrl-C reaches our scripts first, and they stop the services before
 * Redis, so nothing loses its database mid-shutdown.
 */
export function spawnRedisServer(server, args) {
  const child = spawn(server, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const keepTail = (chunk) => {
    output = (output + chunk).slice(-4000);
  };
  child.stdout.on('data', keepTail);
  child.stderr.on('data', keepTail);
  child.on('error', keepTail);
  return { child, output: () => output };
}

/** Resolves once the redis-server `child` answers PING at `url`; throws with its output if it exits or times out. */
export async function waitUntilReady(url, child, output, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs; // loading a large append-only file takes a while
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`redis-server exited during start-up:\n${output().trim()}`);
    }
    if (await ping(url)) return;
    await sleep(50);
  }
  throw new Error(`redis-server did not answer PING within ${timeoutMs} ms:\n${output().trim()}`);
}

/** True when the server at `url` answers PONG within the timeout (errors such as LOADING or NOAUTH count as no). */
export async function ping(url, timeoutMs = 500) {
  return (await redisCommand(url, ['PING'], timeoutMs).catch(() => null)) === 'PONG';
}

/** Sends one command over RESP and resolves with the parsed reply; error replies reject. */
export function redisCommand(url, args, timeoutMs = 500) {
  const { hostname, port } = new URL(url);
  const request = `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || 6379) });
    let received = Buffer.alloc(0);
    let done = false;
    const finish = (error, value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      error ? reject(error) : resolve(value);
    };
    const timer = setTimeout(
      () => finish(new Error(`no reply from ${url} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.on('connect', () => socket.write(request));
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish(new Error(`${url} closed the connection`)));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      const parsed = parseReply(received, 0);
      if (parsed) parsed[0] instanceof Error ? finish(parsed[0]) : finish(null, parsed[0]);
    });
  });
}

/** Parses one RESP2 reply starting at `start`: [value, nextIndex], or null while incomplete. */
function parseReply(buffer, start) {
  const end = buffer.indexOf('\r\n', start);
  if (end < 0) return null;
  const type = String.fromCharCode(buffer[start]);
  const line = buffer.toString('utf8', start + 1, end);
  const next = end + 2;
  if (type === '+') return [line, next];
  if (type === '-') return [new Error(line), next];
  if (type === ':') return [Number(line), next];
  const length = Number(line);
  if (length < 0) return [null, next];
  if (type === '$') {
    if (buffer.length < next + length + 2) return null;
    return [buffer.toString('utf8', next, next + length), next + length + 2];
  }
  if (type !== '*') return [new Error(`unexpected RESP reply type "${type}"`), next];
  const items = [];
  let at = next;
  for (let i = 0; i < length; i++) {
    const item = parseReply(buffer, at);
    if (!item) return null;
    [items[i], at] = item;
  }
  return [items, at];
}

/** The full path of an executable found on PATH, or null. */
export function findExecutable(name, searchPath = process.env.PATH ?? '') {
  const file = process.platform === 'win32' ? `${name}.exe` : name;
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, file);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {}
  }
  return null;
}

function missingRedisMessage(fallbackUrl, purpose) {
  const command = purpose === 'test' ? 'npm test' : purpose === 'bench' ? 'npm run bench' : 'npm start';
  return [
    `Hark needs Redis 7+, but REDIS_URL is not set, nothing answers at ${fallbackUrl},`,
    'and there is no redis-server on PATH to start. Either install Redis:',
    '  Debian/Ubuntu:  sudo apt-get install -y redis-server',
    '  macOS:          brew install redis',
    `or point Hark at a running one:  REDIS_URL=redis://host:6379 ${command}`,
  ].join('\n');
}

/** A port nothing listens on right now, on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function memo(fn) {
  let result;
  return () => {
    result ??= fn();
    return result;
  };
}

const redact = (url) => url.replace(/\/\/[^@/]*@/, '//***@');
const shortPath = (dir) => (dir.startsWith(repoRoot) ? path.relative(repoRoot, dir) : dir);
