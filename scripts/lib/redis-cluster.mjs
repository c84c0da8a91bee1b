// Starts a throwaway Redis Cluster for `npm test`: three masters (no replicas), each a redis-server
// on free loopback ports, without persistence, in a temp dir removed on stop(). Node builtins only,
// like redis.mjs: it speaks RESP over node:net and creates the cluster with `redis-cli --cluster`.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findExecutable, freePort, redisCommand, spawnRedisServer, waitUntilReady } from './redis.mjs';
import { log as defaultLog, run, stopProcess } from './run.mjs';

/**
 * Returns { nodes: ["127.0.0.1:port", …], dataDir, stop() } once every node reports
 * cluster_state:ok and knows every other. stop() ends the servers and removes the temp dir.
 */
export async function startRedisCluster(options = {}) {
  const { masters = 3, env = process.env, log = defaultLog, timeoutMs = 30_000 } = options;
  const server = findExecutable('redis-server', env.PATH);
  const cli = findExecutable('redis-cli', env.PATH);
  if (!server || !cli) throw new Error(missingToolsMessage(server ? 'redis-cli' : 'redis-server'));
  const started = performance.now();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hark-redis-cluster-'));
  const children = [];
  // Last resort if the calling script crashes: never leave redis-servers behind.
  const onExit = () => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  let stopped;
  const stop = () => {
    stopped ??= (async () => {
      process.removeListener('exit', onExit);
      await Promise.all(children.map((child) => stopProcess(child, 2_000)));
      rmSync(dataDir, { recursive: true, force: true });
    })();
    return stopped;
  };
  try {
    const nodes = [];
    for (let i = 0; i < masters; i++) {
      const node = await startNode(server, dataDir, timeoutMs);
      children.push(node.child);
      nodes.push(node.address);
    }
    await createCluster(cli, nodes);
    await waitForClusterOk(nodes, timeoutMs);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    log(`Redis Cluster: ${masters} masters at ${nodes.join(', ')} (started in ${seconds} s)`);
    return { nodes, dataDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** One cluster-enabled redis-server on a free port (and a free cluster bus port), answering PING. */
async function startNode(server, dataDir, timeoutMs) {
  const port = await freePort();
  const busPort = await freePort();
  const args = [
    ['--bind', '127.0.0.1'],
    ['--port', String(port)],
    ['--cluster-enabled', 'yes'],
    ['--cluster-config-file', `nodes-${port}.conf`],
    ['--cluster-port', String(busPort)],
    ['--save', ''],
    ['--appendonly', 'no'],
    ['--dir', dataDir],
  ].flat();
  const { child, output } = spawnRedisServer(server, args);
  try {
    await waitUntilReady(`redis://127.0.0.1:${port}`, child, output, timeoutMs);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`cluster node on port ${port}: ${error.message}`);
  }
  return { child, address: `127.0.0.1:${port}` };
}

/** Hands out the slots evenly and introduces the nodes to each other. */
async function createCluster(cli, nodes) {
  let output = '';
  const code = await run(cli, ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    onChild: (child) => {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    },
  });
  if (code !== 0) throw new Error(`redis-cli --cluster create failed (exit code ${code}):\n${output.trim()}`);
}

/** Every node serves all 16384 slots and knows every other node, so any client sees the whole map. */
async function waitForClusterOk(nodes, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const infos = await Promise.all(
      nodes.map((node) => redisCommand(`redis://${node}`, ['CLUSTER', 'INFO']).catch(() => '')),
    );
    const ready = infos.every(
      (info) =>
        /cluster_state:ok/.test(info) &&
        /cluster_slots_ok:16384/.test(info) &&
        new RegExp(`cluster_known_nodes:${nodes.length}\\b`).test(info),
    );
    if (ready) return;
    if (Date.now() > deadline) {
      throw new Error(`the Redis Cluster did not reach cluster_state:ok within ${timeoutMs} ms`);
    }
    await sleep(100);
  }
}

function missingToolsMessage(missing) {
  return [
    `The Redis Cluster test run needs redis-server and redis-cli on PATH, and ${missing} is missing.`,
    'Install Redis (Debian/Ubuntu: sudo apt-get install -y redis-server; macOS: brew install redis),',
    'point the run at an existing cluster with REDIS_CLUSTER_NODES=host:port,host:port,…,',
    'or skip the cluster run with HARK_TEST_CLUSTER=off.',
  ].join('\n');
}

/**
 * What the Redis Cluster run leaves out: the browser tests drive pages over the same routes the
 * service-level tests call, so on a cluster they would prove nothing new about keys and slots
 * (they run once, on the single Redis) and would cost a third of the run.
 */
export const CLUSTER_RUN_EXCLUDES = ['test/browser/**', 'test/security/csp-browser.int.test.ts'];

/**
 * The environment of the cluster run: vitest.config.ts adds HARK_TEST_EXCLUDE (comma-separated
 * globs) to every project's excludes (vitest's --exclude flag does not reach projects).
 */
export function clusterRunEnv(env) {
  return { ...env, HARK_TEST_EXCLUDE: CLUSTER_RUN_EXCLUDES.join(',') };
}

/**
 * The vitest arguments of `npm test`'s Redis Cluster run: the integration project, with the
 * caller's filters; null when HARK_TEST_CLUSTER=off or the caller picked other projects only.
 */
export function clusterRunArgs(args, { env = process.env, log = defaultLog } = {}) {
  if (/^(off|false|0|no)$/i.test(env.HARK_TEST_CLUSTER ?? '')) {
    log('Redis Cluster run skipped (HARK_TEST_CLUSTER=off)');
    return null;
  }
  const projects = args.flatMap((arg, i) =>
    arg === '--project'
      ? [args[i + 1]]
      : arg.startsWith('--project=')
        ? [arg.slice('--project='.length)]
        : [],
  );
  if (projects.length === 0) return ['run', '--project', 'integration', ...args];
  if (projects.includes('integration')) return ['run', ...args];
  log('Redis Cluster run skipped: the integration project is not selected');
  return null;
}

/**
 * Calls `fn(env)` with REDIS_CLUSTER_NODES pointing at a cluster: the one given in
 * REDIS_CLUSTER_NODES, else one started here and stopped afterwards. REDIS_URL is removed, so
 * anything still reaching for a single Redis fails instead of passing quietly.
 */
export async function onRedisCluster(fn, { env = process.env, log = defaultLog } = {}) {
  const given = env.REDIS_CLUSTER_NODES;
  if (given) log(`Redis Cluster: using REDIS_CLUSTER_NODES (${given})`);
  const cluster = given
    ? { nodes: given.split(','), stop: async () => {} }
    : await startRedisCluster({ env, log });
  try {
    const { REDIS_URL: _single, ...inherited } = env;
    return await fn({ ...inherited, REDIS_CLUSTER_NODES: cluster.nodes.join(',') });
  } finally {
    await cluster.stop();
  }
}
