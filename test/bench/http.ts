/**
 * HTTP load on the router next to two baselines measured in the same run on the same machine: a
 * bare Fastify hello world and a Fastify echo of a 100-byte JSON body. The router (built, as in
 * production), the baselines and the proxy each run in a process of their own; the load comes from
 * this one. Requests rotate over 10,000 users, as real traffic would, so that no user piles up more
 * than a few timers (each new timer's limit check reads all of the user's timers).
 * 1. Throughput: autocannon, 32 connections, as ratios to the echo baseline, with each server's (and
 *    Redis's) CPU time per request, and the router's memory under that load. Two more requests on the
 *    router show what it costs before any turn: `/healthz` (its plugins alone: security headers,
 *    metrics, request ids, logging) and `GET /v1/profile` (the API key, its budget and one read). In rounds (every kind
 *    once per round, 2 s each, three rounds): medians, and ratios taken within each round.
 * 2. Latency at a fixed 1,000 requests/s, open loop (lib/fixed-rate.ts says why not autocannon's).
 * 3. Scale-out: one router, then two, behind the same local proxy (HAProxy when installed), so the
 *    proxy's cost is in both; runs alternate so drift hits both.
 * 4. The entitlements service under full load of `GET /v1/me`: its requests/s, CPU and peak RSS.
 * Targets (docs/PERFORMANCE.md): "what time is it" >= 0.7 of echo, "set a timer" >= 0.35; p50 < 1 ms
 * and p99 < 5 ms at 1,000 requests/s; two routers faster than one.
 */
import { randomUUID } from 'node:crypto';
import { createRedis } from '@hark/core';
import autocannon from 'autocannon';
import { type FixedRateOutcome, fixedRate } from './lib/fixed-rate.js';
import {
  combineRounds,
  type FixedRateResult,
  type Outcome,
  printReport,
  resultLine,
  type ScaleOutResult,
  type ServiceLoadResult,
  type ThroughputResult,
  type ThroughputRow,
} from './lib/http-report.js';
import {
  createUsers,
  entitlementsEntry,
  firstJsonLine,
  removeKeys,
  type ServiceProcess,
  spawnTypeScript,
  startRouter,
  startService,
  stopService,
} from './lib/http-stack.js';
import { type LoadBalancer, startLoadBalancer } from './lib/load-balancer.js';
import { busyBetween, cpuMsOf, heapUsedBytesOf, machineCpuTimes, watchPeakRss } from './lib/process-usage.js';
import { round } from './lib/stats.js';

const settings = {
  seconds: Number(process.env.BENCH_SECONDS ?? 2),
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  connections: 32,
  users: 10_000,
  fixedRate: 1_000,
  fixedSeconds: Number(process.env.BENCH_FIXED_RATE_SECONDS ?? 10),
  scaleConnections: 64,
  scaleSeconds: 5,
};

interface Load {
  method?: 'GET' | 'POST';
  body?: string;
  /** Rotate over these API keys (one per user); no Authorization header without. */
  keys?: string[];
  connections?: number;
  seconds?: number;
  /** Server processes whose CPU time per request to report. */
  pids?: Array<number | undefined>;
}

let nextUser = 0;
const bearer = (keys: string[]) => ({ authorization: `Bearer ${keys[nextUser++ % keys.length]}` });
let redisPid: number | undefined;

async function load(url: string, options: Load): Promise<Outcome> {
  const pids = options.pids ?? [];
  const cpuBefore = pids.map(cpuMsOf);
  const redisBefore = cpuMsOf(redisPid);
  const machineBefore = machineCpuTimes();
  const result = await autocannon({
    url,
    duration: options.seconds ?? settings.seconds,
    connections: options.connections ?? settings.connections,
    method: options.method ?? 'GET',
    headers: { 'content-type': 'application/json' },
    body: options.body,
    requests: [
      {
        setupRequest: (request) =>
          options.keys ? { ...request, headers: { ...request.headers, ...bearer(options.keys) } } : request,
      },
    ],
  });
  const perRequest = (ms: number) => round((ms * 1000) / Math.max(1, result.requests.total), 0);
  const serverMs = pids.reduce<number>((sum, pid, i) => sum + cpuMsOf(pid) - cpuBefore[i]!, 0);
  return {
    rps: round(result.requests.average, 0),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors,
    serverCpuUs: perRequest(serverMs),
    redisCpuUs: perRequest(cpuMsOf(redisPid) - redisBefore),
    machineBusy: round(busyBetween(machineBefore), 2),
  };
}

/** Redis's pid when it runs on this machine (its CPU time per request is then reported too). */
async function localRedisPid(): Promise<number | undefined> {
  const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  await redis.connect();
  const info = await redis.info('server');
  redis.disconnect();
  const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
  return Number.isNaN(cpuMsOf(pid)) ? undefined : pid;
}

const json = {
  echo: JSON.stringify({ text: 'x'.repeat(89) }),
  time: JSON.stringify({ text: 'what time is it' }),
  timer: JSON.stringify({ text: 'set a timer for 5 minutes' }),
  restTimer: JSON.stringify({ durationSeconds: 300 }),
};

/**
 * Before anything is measured: one turn per user (so each user's first, uncached turn is not in the
 * figures) and a second of each kind of request (so the JIT has compiled the paths).
 */
async function warmUp(router: ServiceProcess, keys: string[]): Promise<void> {
  const headers = { 'content-type': 'application/json' };
  await autocannon({
    url: `${router.url}/v1/converse`,
    method: 'POST',
    connections: settings.connections,
    amount: keys.length,
    headers,
    body: json.time,
    requests: [{ setupRequest: (request) => ({ ...request, headers: { ...headers, ...bearer(keys) } }) }],
  });
  for (const [path, body] of [
    ['/v1/converse', json.time],
    ['/v1/converse', json.timer],
    ['/v1/timers', json.restTimer],
  ] as const) {
    await load(`${router.url}${path}`, { method: 'POST', keys, body, seconds: 1 });
  }
}

/**
 * Every kind of request once per round, back to back, for `settings.rounds` rounds; each kind's
 * figures are medians over the rounds, its ratios medians of the ratios within each round.
 */
async function throughput(router: ServiceProcess, baselines: Baselines, keys: string[]) {
  const rss = watchPeakRss({ router: router.child.pid, baselines: baselines.child.pid });
  const onBaseline = { pids: [baselines.child.pid] };
  const onRouter = { method: 'POST' as const, keys, pids: [router.child.pid] };
  const onRouterGet = { pids: [router.child.pid] };
  const echoBody = { ...onBaseline, method: 'POST' as const, body: json.echo };
  const kinds: Array<[string, () => Promise<Outcome>]> = [
    ['fastify hello world (GET)', () => load(`http://127.0.0.1:${baselines.hello}/`, onBaseline)],
    ['fastify echo, 100-byte JSON', () => load(`http://127.0.0.1:${baselines.echo}/`, echoBody)],
    ['fastify echo after one Redis GET', () => load(`http://127.0.0.1:${baselines.redisEcho}/`, echoBody)],
    ['converse "what time is it"', () => load(`${router.url}/v1/converse`, { ...onRouter, body: json.time })],
    [
      'converse "set a timer for 5 minutes"',
      () => load(`${router.url}/v1/converse`, { ...onRouter, body: json.timer }),
    ],
    ['POST /v1/timers', () => load(`${router.url}/v1/timers`, { ...onRouter, body: json.restTimer })],
    // What the router costs before any turn: its plugins alone, then with the key and one read.
    ['router GET /healthz (no key, no Redis)', () => load(`${router.url}/healthz`, onRouterGet)],
    [
      'router GET /v1/profile (key, one read)',
      () => load(`${router.url}/v1/profile`, { ...onRouterGet, keys }),
    ],
  ];
  const runs: Outcome[][] = kinds.map(() => []);
  for (let round = 0; round < settings.rounds; round++) {
    for (const [index, [, run]] of kinds.entries()) runs[index]!.push(await run());
  }
  const [, echoRuns, redisEchoRuns] = runs;
  const rows = kinds.map(
    ([label], index) =>
      [label, combineRounds(runs[index]!, echoRuns!, redisEchoRuns!)] as [string, ThroughputRow],
  );
  const routerHeapUsed = await heapUsedBytesOf(router.url);
  const peaks = rss.stop();
  return { rows, routerHeapUsed, routerPeakRss: peaks.router!, baselinesPeakRss: peaks.baselines! };
}

async function atFixedRate(
  router: ServiceProcess,
  echoPort: number,
  keys: string[],
): Promise<FixedRateResult> {
  const { fixedRate: rate, fixedSeconds: seconds } = settings;
  const converse = (body: string) =>
    fixedRate({
      url: `${router.url}/v1/converse`,
      method: 'POST',
      body,
      headersFor: () => bearer(keys),
      rate,
      seconds,
    });
  const rss = watchPeakRss({ router: router.child.pid });
  const echoUrl = `http://127.0.0.1:${echoPort}/`;
  const rows: Array<[string, FixedRateOutcome]> = [
    [
      'fastify echo, 100-byte JSON',
      await fixedRate({ url: echoUrl, method: 'POST', body: json.echo, rate, seconds }),
    ],
    ['converse "what time is it"', await converse(json.time)],
    ['converse "set a timer for 5 minutes"', await converse(json.timer)],
  ];
  return { rows, routerPeakRss: rss.stop().router! };
}

/** One router, then two, behind the same kind of proxy; alternating, twice each. */
async function scaleOut(first: ServiceProcess, prefix: string, keys: string[]): Promise<ScaleOutResult> {
  const second = await startRouter(prefix);
  const proxies: LoadBalancer[] = [];
  const runs: Record<'one' | 'two', Outcome[]> = { one: [], two: [] };
  let peakRss: Record<string, number> = {};
  try {
    await warmUp(second, keys);
    const one = await startLoadBalancer([first.url]);
    proxies.push(one);
    const two = await startLoadBalancer([first.url, second.url]);
    proxies.push(two);
    const rss = watchPeakRss({ router1: first.child.pid, router2: second.child.pid, proxy: two.pid });
    const through = (proxy: LoadBalancer, pids: Array<number | undefined>) =>
      load(`${proxy.url}/v1/converse`, {
        method: 'POST',
        keys,
        pids,
        body: json.time,
        connections: settings.scaleConnections,
        seconds: settings.scaleSeconds,
      });
    for (let round = 0; round < 2; round++) {
      runs.one.push(await through(one, [first.child.pid, one.pid]));
      runs.two.push(await through(two, [first.child.pid, second.child.pid, two.pid]));
    }
    peakRss = rss.stop();
  } finally {
    await Promise.all(proxies.map((proxy) => proxy.stop()));
    await stopService(second);
  }
  return { proxy: proxies[0]!.kind, one: summary(runs.one), two: summary(runs.two), peakRss };
}

/**
 * Memory per service under load, beyond the router: the entitlements service answering `GET /v1/me`
 * (the caller's plan, limits, usage and subscription: what every client reads) over the same users,
 * at full load. The conversation service's memory under load is in the llm-ttfb bench.
 */
async function entitlementsUnderLoad(prefix: string, keys: string[]): Promise<ServiceLoadResult> {
  const service = await startService(entitlementsEntry, prefix);
  try {
    const me = `${service.url}/v1/me`;
    await load(me, { keys, seconds: 1 }); // warm-up: JIT, each user's first read
    const rss = watchPeakRss({ service: service.child.pid });
    const outcome = await load(me, { keys, pids: [service.child.pid], seconds: settings.scaleSeconds });
    return { ...outcome, peakRss: rss.stop().service! };
  } finally {
    await stopService(service);
  }
}

function summary(outcomes: Outcome[]) {
  const mean = (pick: (o: Outcome) => number) =>
    round(outcomes.reduce((sum, o) => sum + pick(o), 0) / outcomes.length, 0);
  return {
    rps: mean((o) => o.rps),
    p99: mean((o) => o.p99),
    cpuUs: mean((o) => o.serverCpuUs),
    machineBusy: round(outcomes.reduce((sum, o) => sum + o.machineBusy, 0) / outcomes.length, 2),
    errors: outcomes.reduce((sum, o) => sum + o.errors, 0),
  };
}

type Baselines = Awaited<ReturnType<typeof startBaselines>>;

async function startBaselines() {
  const child = spawnTypeScript(new URL('./lib/baseline-servers.ts', import.meta.url).pathname);
  return { child, ...(await firstJsonLine<{ hello: number; echo: number; redisEcho: number }>(child)) };
}

async function main(): Promise<void> {
  const prefix = `bench:${randomUUID().slice(0, 8)}:`;
  redisPid = await localRedisPid();
  const keys = await createUsers(prefix, settings.users);
  const router = await startRouter(prefix);
  const baselines = await startBaselines();
  try {
    await warmUp(router, keys);
    const measured: ThroughputResult = await throughput(router, baselines, keys);
    const fixed = await atFixedRate(router, baselines.echo, keys);
    const scale = await scaleOut(router, prefix, keys);
    const entitlements = await entitlementsUnderLoad(prefix, keys);
    printReport(settings, measured, fixed, scale, entitlements);
    console.log(JSON.stringify(resultLine(measured, fixed, scale, entitlements)));
  } finally {
    baselines.child.kill();
    await stopService(router);
    await removeKeys(prefix);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
