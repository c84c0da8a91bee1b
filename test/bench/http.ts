/**
 * HTTP throughput of the router next to two baselines measured in the same run on the same
 * machine: a bare Fastify hello world and a Fastify echo of a 100-byte JSON body. The router
 * (built, as in production) and the baselines each run in a process of their own; autocannon
 * drives them from this one. Requests rotate over 200 users, as real traffic would.
 * Reported as requests/s and as ratios to the echo baseline.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createRedis } from '../../packages/core/src/index.js';
import { crash, type RouterProcess, startRouterProcess } from '../e2e/support/router-process.js';
import { round } from './lib/stats.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 32;
const USERS = 200;
const ADMIN = 'bench-operator-token';

interface Outcome {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(
  url: string,
  options: { method?: 'GET' | 'POST'; body?: string; keys?: string[] },
): Promise<Outcome> {
  let next = 0;
  const result = await autocannon({
    url,
    duration: SECONDS,
    connections: CONNECTIONS,
    method: options.method ?? 'GET',
    headers: { 'content-type': 'application/json' },
    body: options.body,
    requests: [
      {
        setupRequest: (request) => {
          if (!options.keys) return request;
          const key = options.keys[next++ % options.keys.length];
          return { ...request, headers: { ...request.headers, authorization: `Bearer ${key}` } };
        },
      },
    ],
  });
  return {
    rps: round(result.requests.average, 0),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors,
  };
}

async function startBaselines(): Promise<{ child: ChildProcess; hello: number; echo: number }> {
  const script = fileURLToPath(new URL('./lib/baseline-servers.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
  const child = spawn(tsx, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = await readline
    .createInterface({ input: child.stdout! })
    [Symbol.asyncIterator]()
    .next()
    .then((r) => [r.value as string]);
  return { child, ...JSON.parse(line!) };
}

async function createUsers(router: RouterProcess): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < USERS; i++) {
    const headers = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
    await fetch(`${router.url}/admin/users`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ id: `bench${i}` }),
    });
    const issued = await fetch(`${router.url}/admin/users/bench${i}/keys`, {
      method: 'POST',
      headers: { authorization: headers.authorization },
    });
    keys.push(((await issued.json()) as { key: string }).key);
  }
  return keys;
}

async function main(): Promise<void> {
  const prefix = `bench:${randomUUID().slice(0, 8)}:`;
  const router = await startRouterProcess({
    NODE_ENV: 'test',
    REDIS_PREFIX: prefix,
    ADMIN_TOKEN: ADMIN,
    RATE_LIMIT_MAX: '1000000000',
    TIMERS_MAX_ACTIVE: '100000',
    LOG_LEVEL: 'warn',
  });
  const baselines = await startBaselines();
  const keys = await createUsers(router);
  const converse = (text: string) => ({ method: 'POST' as const, keys, body: JSON.stringify({ text }) });

  console.log(`${SECONDS} s per run, ${CONNECTIONS} connections, ${USERS} users`);
  const rows: Array<[string, Outcome]> = [
    ['fastify hello world (GET)', await load(`http://127.0.0.1:${baselines.hello}/`, {})],
    [
      'fastify echo, 100-byte JSON',
      await load(`http://127.0.0.1:${baselines.echo}/`, {
        method: 'POST',
        body: JSON.stringify({ text: 'x'.repeat(89) }),
      }),
    ],
    ['converse "what time is it"', await load(`${router.url}/v1/converse`, converse('what time is it'))],
    [
      'converse "set a timer for 5 minutes"',
      await load(`${router.url}/v1/converse`, converse('set a timer for 5 minutes')),
    ],
    [
      'POST /v1/timers',
      await load(`${router.url}/v1/timers`, {
        method: 'POST',
        keys,
        body: JSON.stringify({ durationSeconds: 300 }),
      }),
    ],
  ];

  baselines.child.kill();
  await crash(router);
  const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  await redis.connect();
  const stale = await redis.keys(`${prefix}*`);
  for (let i = 0; i < stale.length; i += 1_000) await redis.unlink(...stale.slice(i, i + 1_000));
  redis.disconnect();

  const echoRps = rows[1]![1].rps;
  const ratio = (rps: number) => round(rps / echoRps, 3);
  for (const [label, r] of rows) {
    console.log(
      `${label.padEnd(38)} ${String(r.rps).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  vs echo ${ratio(r.rps)}  errors ${r.errors}`,
    );
  }
  const [hello, echo, time, timerVoice, timerRest] = rows.map(([, r]) => r);
  console.log(
    JSON.stringify({
      name: 'http',
      helloRps: hello!.rps,
      echoRps: echo!.rps,
      converseTimeRps: time!.rps,
      converseTimerRps: timerVoice!.rps,
      createTimerRps: timerRest!.rps,
      converseTimeVsEcho: ratio(time!.rps),
      converseTimerVsEcho: ratio(timerVoice!.rps),
      createTimerVsEcho: ratio(timerRest!.rps),
      errors: rows.reduce((sum, [, r]) => sum + r.errors, 0),
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
