// `npm start`: install if needed, build, find or start Redis, then run every service in the
// foreground with prefixed logs. Ctrl-C stops the services, then the Redis this script started.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { build, ensureInstalled } from './lib/install.mjs';
import { findOrStartRedis } from './lib/redis.mjs';
import { log, main, paint, repoRoot, stopProcess } from './lib/run.mjs';

// One line per service, started in this order; the first one is the public front door.
const SERVICES = [
  { name: 'router', port: 3000 },
  { name: 'conversation', port: 3001 },
  { name: 'entitlements', port: 3002 },
];
const COLORS = ['36', '35', '33', '32', '34', '31'];
const nameWidth = Math.max(...SERVICES.map((service) => service.name.length));

const entryPoint = (service) => path.join(repoRoot, 'services', service.name, 'dist', 'server.js');
const baseUrl = (service) => `http://127.0.0.1:${service.port}`;

// What a shutdown must stop; filled in as start-up progresses.
const running = { children: [], closed: [], redis: null, stopping: false };

// The secret of calls between the services: INTERNAL_TOKEN when given, else a random one for this start
// only, shared by the three services (never a constant anyone reaching an inner service could know).
const internalToken = process.env.INTERNAL_TOKEN || randomBytes(32).toString('base64url');

main(async () => {
  // From the start: a Ctrl-C while Redis is still starting must not leave it behind.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => shutdown(0, `${signal}: stopping (again to force)`, { bySignal: true }));
  }
  await ensureInstalled();
  await build();
  const missing = SERVICES.filter((service) => !existsSync(entryPoint(service)));
  if (missing.length > 0) {
    const files = missing.map((service) => path.relative(repoRoot, entryPoint(service))).join(', ');
    throw new Error(`the build did not produce ${files}: does services/<name>/src/server.ts exist?`);
  }
  running.redis = process.env.REDIS_CLUSTER_NODES
    ? givenCluster(process.env.REDIS_CLUSTER_NODES)
    : await findOrStartRedis({ purpose: 'dev' });
  SERVICES.forEach((service, index) => {
    const child = startService(service, index, running.redis.url);
    running.children.push(child);
    // 'close' comes after the child's last output line, so nothing it logs on the way out is lost.
    running.closed.push(once(child, 'close'));
    child.on('exit', (code, signal) => {
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      shutdown(code || 1, `${service.name} ${how}; stopping everything`, { bySignal: false });
    });
  });
  const ready = await Promise.all(SERVICES.map((service) => waitForHealth(service)));
  printBanner(running.redis, ready.every(Boolean));
});

/** A Redis Cluster the services reach through REDIS_CLUSTER_NODES themselves: nothing to find or start. */
function givenCluster(nodes) {
  log(`Redis: using the Redis Cluster of REDIS_CLUSTER_NODES (${nodes})`);
  return { url: null, label: `cluster ${nodes}`, source: 'cluster', stop: async () => {} };
}

function startService(service, index, redisUrl) {
  const env = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV || 'development',
    LOG_PRETTY: process.env.LOG_PRETTY || 'true',
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    INTERNAL_TOKEN: internalToken,
    PORT: String(service.port),
  };
  // Output goes through a pipe; keep pino-pretty's colours when we are on a terminal.
  if (process.stdout.isTTY && !process.env.NO_COLOR) env.FORCE_COLOR ??= '1';
  // Own process group, so Ctrl-C reaches only this script, which then stops services before Redis.
  const child = spawn(process.execPath, [entryPoint(service)], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const prefix = paint(COLORS[index % COLORS.length], `${service.name.padEnd(nameWidth)} |`);
  for (const [input, output] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => {
      output.write(`${prefix} ${line}\n`);
    });
  }
  child.on('error', (error) => log(`could not start ${service.name}: ${error.message}`));
  return child;
}

/**
 * Stops every service, then Redis, then exits. A second signal (Ctrl-C twice) kills at once; a
 * Redis still starting up is stopped by the exit hook in lib/redis.mjs.
 */
async function shutdown(code, reason, { bySignal }) {
  if (running.stopping) {
    if (!bySignal) return; // a service exiting because we asked it to
    for (const child of running.children) child.kill('SIGKILL');
    process.exit(1);
  }
  running.stopping = true;
  log(reason);
  await Promise.all(running.children.map((child) => stopProcess(child)));
  await Promise.race([Promise.all(running.closed), sleep(1_000)]);
  await running.redis?.stop();
  process.exit(code);
}

/** Polls /healthz so the banner appears once the service really answers. */
async function waitForHealth(service, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl(service)}/healthz`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return true;
    } catch {}
    await sleep(200);
  }
  log(`${service.name} did not answer ${baseUrl(service)}/healthz within ${timeoutMs / 1000} s`);
  return false;
}

function printBanner(redis, ready) {
  const env = process.env;
  const production = (env.NODE_ENV || 'development') === 'production';
  const seeded = !production && !['false', '0', 'no'].includes(env.SEED_DEMO ?? '');
  const front = baseUrl(SERVICES[0]);
  const redisNote = redis.dataDir
    ? `data in ${path.relative(repoRoot, redis.dataDir)}`
    : { env: 'from REDIS_URL', found: 'already running', cluster: 'from REDIS_CLUSTER_NODES' }[redis.source];
  const rows = [
    ['API', front],
    ['API docs', `${front}/docs`],
    ...SERVICES.slice(1).map((service) => [service.name, baseUrl(service)]),
    ['Redis', `${redis.label ?? redis.url} (${redisNote})`],
  ];
  if (seeded) rows.push(['Demo API key', env.DEMO_API_KEY || 'demo-key']);
  if (!production) rows.push(['Operator token', env.ADMIN_TOKEN || 'demo-admin']);
  const lines = rows.map(([label, value]) => `  ${label.padEnd(15)} ${paint('1', value)}`);
  if (seeded) {
    const key = env.DEMO_API_KEY || 'demo-key';
    lines.push(
      '',
      '  Try it:',
      `  curl -s ${front}/v1/converse -H 'authorization: Bearer ${key}' \\`,
      `    -H 'content-type: application/json' -d '{"text":"set a timer for 5 minutes"}'`,
    );
  }
  if (production) {
    lines.push('', '  NODE_ENV=production: nothing is seeded and there are no demo credentials.');
  }
  const title = ready ? 'Hark is running' : 'Hark started, but not every service answered /healthz yet';
  console.log(`\n${paint('1;32', `  ${title}`)}\n\n${lines.join('\n')}\n\n  Ctrl-C stops everything.\n`);
}
