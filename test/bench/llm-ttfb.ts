/**
 * Time to first token through Hark's conversation service versus straight from the OpenAI
 * stand-in, in the same run: the difference is what Hark adds (auth, memory read, prompt and tool
 * schemas, the openai SDK, SSE relay). The service (built, as in production) and the stand-in each
 * run in a process of their own; requests alternate between the two paths so drift hits both.
 * Sequential: one request at a time. Burst: rounds of 200 streams started at the same instant, so
 * the last one waits for Hark to start the 199 before it. Steady: 200 streams always in flight, each
 * answer streaming for about two seconds as a real model's does, a new stream starting as one ends:
 * the time to first token a request sees while 200 others are being relayed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createRedis } from '../../packages/core/src/index.js';
import { freePort } from '../e2e/support/router-process.js';
import { LONG_ANSWER_MARK } from './lib/long-answer.js';
import { percentiles, round } from './lib/stats.js';

const SEQUENTIAL = Number(process.env.BENCH_TTFB_REQUESTS ?? 400);
const STREAMS = 200;
const ROUNDS = Number(process.env.BENCH_TTFB_ROUNDS ?? 5);
const STEADY_MS = Number(process.env.BENCH_TTFB_STEADY_MS ?? 20_000);
const TOKEN = 'bench-internal-token';
const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
const serviceEntry = fileURLToPath(new URL('../../services/conversation/dist/server.js', import.meta.url));

interface Target {
  url: string;
  headers: Record<string, string>;
  body: (index: number) => string;
  /** Bytes that only the first token's frame contains. */
  marker: string;
}

interface Timed {
  /** Milliseconds from sending the request to the first body bytes that carry a token. */
  firstTokenMs: number;
  /** Settles when the whole answer has arrived. */
  finished: Promise<void>;
}

function timeToFirstToken(target: Target, index: number): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const body = target.body(index);
    const headers = { ...target.headers, 'content-length': Buffer.byteLength(body) };
    const outgoing = request(target.url, { method: 'POST', agent, headers }, (response) => {
      let seen = '';
      let measured = false;
      const finished = new Promise<void>((done, fail) => {
        response.on('end', done);
        response.on('error', fail);
      });
      response.on('data', (chunk: Buffer) => {
        if (measured) return;
        seen += chunk.toString('utf8');
        if (!seen.includes(target.marker)) return;
        measured = true;
        resolve({ firstTokenMs: performance.now() - started, finished });
      });
      response.on(
        'end',
        () =>
          measured ||
          reject(new Error(`no token from ${target.url}: ${response.statusCode} ${seen.slice(0, 200)}`)),
      );
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** One request at a time: the next starts once the previous answer is complete. */
async function oneStream(target: Target, index: number): Promise<number> {
  const timed = await timeToFirstToken(target, index);
  await timed.finished;
  return timed.firstTokenMs;
}

/** `count` streams started together; resolves when all of them are complete. */
async function burstOfStreams(target: Target, count: number, offset: number): Promise<number[]> {
  const timed = await Promise.all(
    Array.from({ length: count }, (_, i) => timeToFirstToken(target, offset + i)),
  );
  await Promise.all(timed.map((stream) => stream.finished));
  return timed.map((stream) => stream.firstTokenMs);
}

async function startStandIn(captureFile: string): Promise<{ child: ChildProcess; url: string }> {
  const script = fileURLToPath(new URL('./lib/openai-stand-in-server.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
  const env = { ...process.env, BENCH_CAPTURE_FILE: captureFile };
  const child = spawn(tsx, [script], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next();
  return { child, ...(JSON.parse(first.value as string) as { url: string }) };
}

async function startService(
  standInUrl: string,
  prefix: string,
): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  // e.g. BENCH_SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to see where the service spends its time.
  const nodeArgs = process.env.BENCH_SERVICE_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, serviceEntry], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      REDIS_PREFIX: prefix,
      INTERNAL_TOKEN: TOKEN,
      LLM_BASE_URL: standInUrl,
      LLM_API_KEY: 'sk-bench',
      LLM_MAX_RETRIES: '0',
      LLM_FIRST_TOKEN_TIMEOUT_MS: '20000',
      LLM_TOTAL_TIMEOUT_MS: '60000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (
      await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, url };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the conversation service did not become ready (is it built? npm run build)');
}

const TEXT = 'Tell me something surprising about honey.';

/** Hark's side: one turn through the conversation service, streamed. */
function harkTarget(serviceUrl: string, text = TEXT): Target {
  return {
    url: `${serviceUrl}/internal/turns`,
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'x-hark-internal-token': TOKEN,
    },
    body: (index) =>
      JSON.stringify({
        userId: `bench${index % 200}`,
        // A session per request, so every prompt has the same size (no memory growing).
        sessionId: `s${index}`,
        text,
        timeZone: 'Europe/Paris',
        locale: 'en-GB',
        profile: { timezone: 'Europe/Paris', location: null, units: null, locale: null },
        plan: { id: 'premium', features: { conversation: true } },
      }),
    marker: 'event: delta',
  };
}

/**
 * The direct side: the very request Hark sent upstream (system prompt, tools, options), captured
 * by the stand-in, so both sides ask the stand-in for the same work and only Hark's part differs.
 */
async function directTarget(
  standInUrl: string,
  captureFile: string,
  hark: Target,
  text = TEXT,
): Promise<Target> {
  for (let attempt = 0; attempt < 50 && !existsSync(captureFile); attempt++) {
    await oneStream(hark, attempt);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // The same request with the question swapped (the steady run asks for a long answer).
  const captured = readFileSync(captureFile, 'utf8').replace(JSON.stringify(TEXT), JSON.stringify(text));
  return {
    url: `${standInUrl}/chat/completions`,
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
    body: () => captured,
    marker: '"content"',
  };
}

async function sequential(direct: Target, hark: Target, count: number) {
  const samples = { direct: [] as number[], hark: [] as number[] };
  for (let index = 0; index < count; index++) {
    samples.direct.push(await oneStream(direct, index));
    samples.hark.push(await oneStream(hark, index));
  }
  return samples;
}

async function concurrent(direct: Target, hark: Target, rounds: number, offset: number) {
  const samples = { direct: [] as number[], hark: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    samples.direct.push(...(await burstOfStreams(direct, STREAMS, offset + round * STREAMS)));
    samples.hark.push(...(await burstOfStreams(hark, STREAMS, offset + round * STREAMS)));
  }
  return samples;
}

/**
 * `inFlight` streams kept open for `durationMs`: each worker starts a stream, and the next as soon as
 * one ends. Streams still open at the deadline finish but count too.
 */
async function steadyStreams(target: Target, inFlight: number, durationMs: number, offset: number) {
  const samples: number[] = [];
  const deadline = performance.now() + durationMs;
  let next = offset;
  const worker = async () => {
    while (performance.now() < deadline) {
      const timed = await timeToFirstToken(target, next++);
      samples.push(timed.firstTokenMs);
      await timed.finished;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return samples;
}

async function steady(direct: Target, hark: Target) {
  return {
    direct: await steadyStreams(direct, STREAMS, STEADY_MS, 200_000),
    hark: await steadyStreams(hark, STREAMS, STEADY_MS, 300_000),
  };
}

function compare(samples: { direct: number[]; hark: number[] }) {
  const direct = percentiles(samples.direct);
  const hark = percentiles(samples.hark);
  return {
    directP50Ms: round(direct.p50, 3),
    harkP50Ms: round(hark.p50, 3),
    addedP50Ms: round(hark.p50 - direct.p50, 3),
    directP99Ms: round(direct.p99, 3),
    harkP99Ms: round(hark.p99, 3),
    addedP99Ms: round(hark.p99 - direct.p99, 3),
    samples: hark.count,
  };
}

async function main(): Promise<void> {
  const prefix = `bench:${randomUUID().slice(0, 8)}:`;
  const captureFile = path.join(tmpdir(), `hark-llm-ttfb-${process.pid}.json`);
  const standIn = await startStandIn(captureFile);
  const service = await startService(standIn.url, prefix);
  const hark = harkTarget(service.url);
  try {
    const direct = await directTarget(standIn.url, captureFile, hark);
    await sequential(direct, hark, 50); // warm-up: JIT, connection pools
    const oneAtATime = compare(await sequential(direct, hark, SEQUENTIAL));
    const twoHundred = compare(await concurrent(direct, hark, ROUNDS, 100_000));
    const long = `${TEXT} ${LONG_ANSWER_MARK}`;
    const steadyHark = harkTarget(service.url, long);
    const steadyDirect = await directTarget(standIn.url, captureFile, steadyHark, long);
    const inFlight = compare(await steady(steadyDirect, steadyHark));
    console.log(`sequential (${SEQUENTIAL}): ${JSON.stringify(oneAtATime)}`);
    console.log(`burst of ${STREAMS} streams x ${ROUNDS}: ${JSON.stringify(twoHundred)}`);
    console.log(`${STREAMS} streams in flight for ${STEADY_MS / 1000} s: ${JSON.stringify(inFlight)}`);
    console.log(
      JSON.stringify({ name: 'llm-ttfb', sequential: oneAtATime, burst200: twoHundred, steady200: inFlight }),
    );
  } finally {
    service.child.kill('SIGTERM');
    standIn.child.kill('SIGTERM');
    agent.destroy();
    rmSync(captureFile, { force: true });
    await cleanUp(prefix);
  }
}

async function cleanUp(prefix: string): Promise<void> {
  const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  await redis.connect();
  const stale = await redis.keys(`${prefix}*`);
  for (let i = 0; i < stale.length; i += 1_000) await redis.unlink(...stale.slice(i, i + 1_000));
  redis.disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
