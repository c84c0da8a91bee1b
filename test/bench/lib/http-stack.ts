// The processes of the HTTP load bench: built router instances (as in production) on one Redis key
// prefix, the users whose keys the load rotates over, and a graceful stop so profiles get written.
import { type ChildProcess, spawn } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRedis, keySpace, systemClock } from '@hark/core';
import { UserStore, userKeys } from '@hark/users';
import { type ServiceProcess, serverEntry, startServiceProcess } from '../../e2e/support/router-process.js';

export const ADMIN_TOKEN = 'bench-operator-token';
const redisUrl = () => process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export type { ServiceProcess };

/** Node flags given to a bench's server process in `variable`, space-separated (e.g. --cpu-prof). */
export const nodeArgsFrom = (variable: string): string[] =>
  process.env[variable]?.split(' ').filter(Boolean) ?? [];

export const entitlementsEntry = fileURLToPath(
  new URL('../../../services/entitlements/dist/server.js', import.meta.url),
);

/**
 * One router process. BENCH_ROUTER_NODE_ARGS adds node flags, e.g.
 * "--cpu-prof --cpu-prof-dir=/tmp/prof" to see where the router spends its time (written on stop);
 * BENCH_ROUTER_ENTRY runs another build (e.g. a checkout of an older commit) for a before/after.
 */
export function startRouter(
  prefix: string,
  options: { env?: Record<string, string>; entry?: string } = {},
): Promise<ServiceProcess> {
  const entry = options.entry ?? process.env.BENCH_ROUTER_ENTRY ?? serverEntry;
  return startService(entry, prefix, { env: options.env, nodeArgs: nodeArgsFrom('BENCH_ROUTER_NODE_ARGS') });
}

/** A built Hark service (`entry`, e.g. entitlementsEntry) on the bench's Redis key prefix, once ready. */
export function startService(
  entry: string,
  prefix: string,
  options: { env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<ServiceProcess> {
  const env = {
    NODE_ENV: 'test',
    REDIS_URL: redisUrl(),
    REDIS_PREFIX: prefix,
    ADMIN_TOKEN,
    // The bench measures throughput, not the limits: budgets far above what one run can use.
    RATE_LIMIT_MAX: '1000000000',
    TIMERS_MAX_ACTIVE: '1000000',
    ...options.env,
  };
  return startServiceProcess(entry, env, options.nodeArgs);
}

/** SIGTERM and wait: the service drains and exits, and node writes any --cpu-prof profile. */
export async function stopService(service: ServiceProcess): Promise<void> {
  if (service.child.exitCode !== null) return;
  service.child.kill('SIGTERM');
  const timeout = setTimeout(() => service.child.kill('SIGKILL'), 15_000);
  await service.exited;
  clearTimeout(timeout);
}

/** `count` users with one API key each, written straight to Redis (50 at a time); returns the keys. */
export async function createUsers(prefix: string, count: number): Promise<string[]> {
  const redis = createRedis(redisUrl());
  await redis.connect();
  const store = new UserStore(redis, userKeys(keySpace(prefix)), systemClock);
  const createOne = async (index: number) => {
    const id = `bench${index}`;
    await store.createUser({ id, timezone: 'Europe/Paris' });
    return (await store.addApiKey(id)).key;
  };
  const apiKeys: string[] = [];
  for (let first = 0; first < count; first += 50) {
    const batch = Array.from({ length: Math.min(50, count - first) }, (_, i) => createOne(first + i));
    apiKeys.push(...(await Promise.all(batch)));
  }
  redis.disconnect();
  return apiKeys;
}

export async function removeKeys(prefix: string): Promise<void> {
  const redis = createRedis(redisUrl());
  await redis.connect();
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1_000);
    if (found.length > 0) await redis.unlink(...found);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}

/** `node --import tsx` rather than the tsx binary: the process started is then the one that works. */
export function spawnTypeScript(script: string, args: string[] = []): ChildProcess {
  const loader = fileURLToPath(new URL('../../../node_modules/tsx/dist/loader.mjs', import.meta.url));
  return spawn(process.execPath, ['--import', pathToFileURL(loader).href, script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** The first JSON line a child prints (its ports). */
export async function firstJsonLine<T>(child: ChildProcess): Promise<T> {
  const first = await readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next();
  return JSON.parse(first.value as string) as T;
}
