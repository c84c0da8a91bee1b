/**
 * HTTP throughput of the router next to two baselines measured in the same run on the same
 * machine: a bare Fastify hello world and a Fastify echo of a 100-byte JSON body. Load comes
 * from autocannon in a child process (so it does not share the server's event loop).
 * Reported as requests/s and as ratios to the echo baseline.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Fastify, { type FastifyInstance } from 'fastify';
import { createRedis, loadConfig } from '../../packages/core/src/index.js';
import { buildRouter } from '../../services/router/src/app.js';
import { round } from './lib/stats.js';

const run = promisify(execFile);
const autocannonBin = fileURLToPath(new URL('../../node_modules/.bin/autocannon', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 32;

interface Load {
  method?: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

async function requestsPerSecond(
  server: FastifyInstance,
  load: Load,
): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const { port } = server.server.address() as { port: number };
  const args = ['-j', '-d', String(SECONDS), '-c', String(CONNECTIONS), '-m', load.method ?? 'GET'];
  for (const [name, value] of Object.entries({ 'content-type': 'application/json', ...load.headers }))
    args.push('-H', `${name}=${value}`);
  if (load.body) args.push('-b', load.body);
  const { stdout } = await run(autocannonBin, [...args, `http://127.0.0.1:${port}${load.path}`], {
    maxBuffer: 16 << 20,
  });
  const result = JSON.parse(stdout);
  return {
    rps: round(result.requests.average, 0),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors,
  };
}

async function baselineServers(): Promise<{ hello: FastifyInstance; echo: FastifyInstance }> {
  const hello = Fastify();
  hello.get('/', async () => ({ hello: 'world' }));
  const echo = Fastify();
  echo.post('/', async (request) => request.body);
  await hello.listen({ port: 0, host: '127.0.0.1' });
  await echo.listen({ port: 0, host: '127.0.0.1' });
  return { hello, echo };
}

async function main(): Promise<void> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `bench:${randomUUID().slice(0, 8)}:`;
  const redis = createRedis(redisUrl);
  await redis.connect();
  const config = loadConfig({
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    NODE_ENV: 'test',
    ADMIN_TOKEN: 'bench-operator-token',
    RATE_LIMIT_MAX: '1000000000',
    TIMERS_MAX_ACTIVE: '10000000',
  });
  const router = await buildRouter({ config, redis, logger: false });
  await router.listen({ port: 0, host: '127.0.0.1' });
  await router.users.createUser({ id: 'bench' });
  const { key } = await router.users.addApiKey('bench');
  const auth = { authorization: `Bearer ${key}` };
  const { hello, echo } = await baselineServers();
  const body100 = JSON.stringify({ text: 'x'.repeat(89) });

  console.log(`${SECONDS} s per run, ${CONNECTIONS} connections`);
  const helloRun = await requestsPerSecond(hello, { path: '/' });
  const echoRun = await requestsPerSecond(echo, { method: 'POST', path: '/', body: body100 });
  const timeRun = await requestsPerSecond(router, {
    method: 'POST',
    path: '/v1/converse',
    headers: auth,
    body: JSON.stringify({ text: 'what time is it' }),
  });
  const timerVoiceRun = await requestsPerSecond(router, {
    method: 'POST',
    path: '/v1/converse',
    headers: auth,
    body: JSON.stringify({ text: 'set a timer for 5 minutes' }),
  });
  const timerRestRun = await requestsPerSecond(router, {
    method: 'POST',
    path: '/v1/timers',
    headers: auth,
    body: JSON.stringify({ durationSeconds: 300 }),
  });

  await Promise.all([hello.close(), echo.close(), router.close()]);
  const stale = await redis.keys(`${prefix}*`);
  for (let i = 0; i < stale.length; i += 1_000) await redis.unlink(...stale.slice(i, i + 1_000));
  redis.disconnect();

  const ratio = (rps: number) => round(rps / echoRun.rps, 3);
  const rows = [
    ['fastify hello world (GET)', helloRun],
    ['fastify echo, 100-byte JSON', echoRun],
    ['converse "what time is it"', timeRun],
    ['converse "set a timer for 5 minutes"', timerVoiceRun],
    ['POST /v1/timers', timerRestRun],
  ] as const;
  for (const [label, r] of rows) {
    console.log(
      `${label.padEnd(40)} ${String(r.rps).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  ratio to echo ${ratio(r.rps)}  errors ${r.errors}`,
    );
  }
  console.log(
    JSON.stringify({
      name: 'http',
      helloRps: helloRun.rps,
      echoRps: echoRun.rps,
      converseTimeRps: timeRun.rps,
      converseTimerRps: timerVoiceRun.rps,
      createTimerRps: timerRestRun.rps,
      converseTimeVsEcho: ratio(timeRun.rps),
      converseTimerVsEcho: ratio(timerVoiceRun.rps),
      createTimerVsEcho: ratio(timerRestRun.rps),
      errors: rows.reduce((sum, [, r]) => sum + r.errors, 0),
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
