import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { testRedisEnv, unusedPort } from '@hark/testing';

export type ServiceName = 'router' | 'conversation' | 'entitlements';

const entryOf = (name: ServiceName) =>
  fileURLToPath(new URL(`../../../services/${name}/dist/server.js`, import.meta.url));

/** Chaos tests run the built services (`npm run build`), as production does. */
export const servicesBuilt = (['router', 'conversation', 'entitlements'] as const).every((name) =>
  existsSync(entryOf(name)),
);

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServiceProcess {
  name: ServiceName;
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Settles when the process has exited (it never rejects). */
  exited: Promise<Exit>;
  /** True while the process runs. */
  alive(): boolean;
}

export interface StartOptions {
  /** Default: the suite's Redis (REDIS_URL, or REDIS_CLUSTER_NODES on the cluster run). */
  redisUrl?: string;
  /** How long to wait for /readyz (default 15 s: several node processes start at once on 2 cores). */
  readyTimeoutMs?: number;
}

function environment(env: Record<string, string>, options: StartOptions, port: number) {
  const merged: Record<string, string | undefined> = {
    ...process.env,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : testRedisEnv()),
    ...env,
    PORT: String(port),
  };
  // A Redis of the test's own must not lose to the cluster run's REDIS_CLUSTER_NODES.
  if (options.redisUrl) delete merged.REDIS_CLUSTER_NODES;
  return merged;
}

/** Starts a built service as its own process on a free port and waits until /readyz answers 200. */
export async function startService(
  name: ServiceName,
  env: Record<string, string>,
  options: StartOptions = {},
): Promise<ServiceProcess> {
  const port = await unusedPort();
  const child = spawn(process.execPath, [entryOf(name)], {
    env: environment(env, options, port),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const service: ServiceProcess = {
    name,
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    exited,
    alive: () => child.exitCode === null && child.signalCode === null,
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 15_000);
  while (Date.now() < deadline) {
    if (!service.alive()) throw new Error(`${name} exited during start-up: ${output}`);
    const ready = await fetch(`${service.url}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return service;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not become ready: ${output}`);
}

/** kill -9: no shutdown hooks, no draining, as in a crash. */
export async function crash(service: ServiceProcess): Promise<void> {
  service.child.kill('SIGKILL');
  await service.exited;
}

/** Ends every process still running (afterEach). */
export async function killAll(services: ServiceProcess[]): Promise<void> {
  for (const service of services) if (service.alive()) service.child.kill('SIGKILL');
  await Promise.all(services.map((service) => service.exited));
}
