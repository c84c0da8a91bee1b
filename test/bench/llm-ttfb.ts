/**
 * Time to first token through Hark versus straight from the OpenAI stand-in, in the same run: the
 * difference is what Hark adds. Two Hark paths: the router's POST /v1/converse (auth, entitlements,
 * NLU, quota, the hop to the service) and the conversation service alone (memory, prompt and tool
 * schemas, the openai SDK, the SSE relay). The stand-in, the service and the router each run in a
 * process of their own (built, as in production); requests rotate between the paths so drift hits all.
 * A fourth path calibrates the rest: the direct request through a bare Node.js pass-through relay
 * (lib/round-robin-proxy.ts with one upstream), i.e. what one process hop costs on this machine with
 * no work done in it. The service is one hop from the stand-in, the router two.
 * Sequential: one request at a time. Burst: rounds of 200 streams started at the same instant, so
 * the last one waits for Hark to start the 199 before it. Steady: 200 streams always in flight, each
 * answer streaming for about two seconds as a real model's does, a new stream starting as one ends
 * (started spread out, so about 100 begin each second): the time to first token a request sees
 * while 200 others are being relayed, and what each process serving the path spends in CPU per turn.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { grantHeader, turnGrantClaims } from '../../services/conversation/src/testing/test-conversation.js';
import { removeKeys } from './lib/http-stack.js';
import { LONG_ANSWER_MARK, LONG_ANSWER_MS } from './lib/long-answer.js';
import { cpuMsOf, watchPeakRss } from './lib/process-usage.js';
import { percentiles, round } from './lib/stats.js';
import {
  INTERNAL_TOKEN,
  type Started,
  startRelay,
  startRouter,
  startService,
  startStandIn,
} from './lib/ttfb-stack.js';

const SEQUENTIAL = Number(process.env.BENCH_TTFB_REQUESTS ?? 400);
const STREAMS = 200;
const ROUNDS = Number(process.env.BENCH_TTFB_ROUNDS ?? 5);
const STEADY_MS = Number(process.env.BENCH_TTFB_STEADY_MS ?? 20_000);
const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

interface Target {
  url: string;
  headers: Record<string, string>;
  body: (index: number) => string;
  /** Per-request headers (each stream its own user on the router path). */
  headersFor?: (index: number) => Record<string, string>;
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
    const headers = {
      ...target.headers,
      ...target.headersFor?.(index),
      'content-length': Buffer.byteLength(body),
    };
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

const TEXT = 'Tell me something surprising about honey.';

/** Hark's side: one turn through the conversation service, streamed. */
function harkTarget(serviceUrl: string, text = TEXT): Target {
  return {
    url: `${serviceUrl}/internal/turns`,
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'x-hark-internal-token': INTERNAL_TOKEN,
    },
    // Each turn carries its own premium grant, as the router signs it.
    headersFor: (index) =>
      grantHeader(turnGrantClaims({ userId: `bench${index % 200}`, sessionId: `s${index}` }), {
        secret: INTERNAL_TOKEN,
      }),
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

/** Hark's whole front door: POST /v1/converse on the router, streamed, as a premium user. */
function routerTarget(routerUrl: string, apiKeys: string[], text = TEXT): Target {
  return {
    url: `${routerUrl}/v1/converse`,
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    headersFor: (index) => ({ authorization: `Bearer ${apiKeys[index % apiKeys.length]}` }),
    body: () => JSON.stringify({ text }),
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

/** `relay`: the direct request through a bare Node.js pass-through (one hop, none of Hark's work). */
type Paths = { direct: Target; relay: Target; service: Target; router: Target };
type Samples = Record<keyof Paths, number[]>;
const pathNames = ['direct', 'relay', 'service', 'router'] as const;
const noSamples = (): Samples => ({ direct: [], relay: [], service: [], router: [] });

async function sequential(paths: Paths, count: number): Promise<Samples> {
  const samples = noSamples();
  for (let index = 0; index < count; index++) {
    for (const name of pathNames) samples[name].push(await oneStream(paths[name], index));
  }
  return samples;
}

async function bursts(paths: Paths, rounds: number, offset: number): Promise<Samples> {
  const samples = noSamples();
  for (let round = 0; round < rounds; round++) {
    for (const name of pathNames) {
      samples[name].push(...(await burstOfStreams(paths[name], STREAMS, offset + round * STREAMS)));
    }
  }
  return samples;
}

/**
 * `inFlight` streams kept open for `durationMs`: each worker starts a stream, and the next as soon as
 * one ends. The workers start spread over one answer's length, so streams begin at a steady rate
 * (about inFlight / 2 s) rather than in waves of `inFlight` at once, which is what the burst run
 * measures; only streams started once all workers are running count. Streams still open at the
 * deadline finish but count too.
 */
async function steadyStreams(
  target: Target,
  inFlight: number,
  durationMs: number,
  offset: number,
  pids: Record<string, number | undefined>,
): Promise<{ samples: number[]; cpuMsPerTurn: Record<string, number>; peakRssMiB: Record<string, number> }> {
  const samples: number[] = [];
  const rss = watchPeakRss(pids);
  const rampEnd = performance.now() + LONG_ANSWER_MS;
  const deadline = rampEnd + durationMs;
  let next = offset;
  let cpuAtRampEnd: Record<string, number> = {};
  const atRampEnd = setTimeout(() => {
    cpuAtRampEnd = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMsOf(pid)]));
  }, LONG_ANSWER_MS);
  const worker = async (index: number) => {
    await new Promise((resolve) => setTimeout(resolve, (index * LONG_ANSWER_MS) / inFlight));
    while (performance.now() < deadline) {
      const startedAt = performance.now();
      const timed = await timeToFirstToken(target, next++);
      if (startedAt >= rampEnd) samples.push(timed.firstTokenMs);
      await timed.finished;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, (_, index) => worker(index)));
  clearTimeout(atRampEnd);
  const peaks = rss.stop();
  const peakRssMiB = Object.fromEntries(
    Object.entries(peaks).map(([name, bytes]) => [name, round(bytes / 2 ** 20, 1)]),
  );
  // Approximate: the turns counted started after the ramp; the CPU is what was spent from the ramp's
  // end until the last of them finished (turns open at either edge roughly cancel out).
  const cpuMsPerTurn = Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => [
      name,
      round((cpuMsOf(pid) - (cpuAtRampEnd[name] ?? Number.NaN)) / Math.max(1, samples.length), 2),
    ]),
  );
  return { samples, cpuMsPerTurn, peakRssMiB };
}

/**
 * The steady run of every path; with each Hark process's CPU time per turn and peak RSS (memory under
 * that load) on the paths it serves.
 */
async function steady(
  paths: Paths,
  pids: Record<keyof Paths, Record<string, number | undefined>>,
): Promise<{
  samples: Samples;
  cpuMsPerTurn: Record<string, Record<string, number>>;
  peakRssMiB: Record<string, Record<string, number>>;
}> {
  const samples = noSamples();
  const cpuMsPerTurn: Record<string, Record<string, number>> = {};
  const peakRssMiB: Record<string, Record<string, number>> = {};
  for (const [index, name] of pathNames.entries()) {
    const run = await steadyStreams(paths[name], STREAMS, STEADY_MS, 200_000 * (index + 1), pids[name]);
    samples[name] = run.samples;
    cpuMsPerTurn[name] = run.cpuMsPerTurn;
    peakRssMiB[name] = run.peakRssMiB;
  }
  return { samples, cpuMsPerTurn, peakRssMiB };
}

/**
 * Each path against the direct one: percentiles, and what it added at each. The relay's added time
 * is what one bare hop costs here: the service makes one hop, the router two.
 */
function compare(samples: Samples) {
  const direct = percentiles(samples.direct);
  const added = (name: 'relay' | 'service' | 'router') => {
    const hark = percentiles(samples[name]);
    return {
      p50Ms: round(hark.p50, 3),
      p99Ms: round(hark.p99, 3),
      addedP50Ms: round(hark.p50 - direct.p50, 3),
      addedP99Ms: round(hark.p99 - direct.p99, 3),
      samples: hark.count,
    };
  };
  return {
    direct: { p50Ms: round(direct.p50, 3), p99Ms: round(direct.p99, 3), samples: direct.count },
    relay: added('relay'),
    service: added('service'),
    router: added('router'),
  };
}

async function main(): Promise<void> {
  const prefix = `bench:${randomUUID().slice(0, 8)}:`;
  const captureFile = path.join(tmpdir(), `hark-llm-ttfb-${process.pid}.json`);
  const started: Started[] = [];
  try {
    const standIn = await startStandIn(captureFile);
    started.push(standIn);
    const service = await startService(standIn.url, prefix);
    started.push(service);
    const router = await startRouter(service.url, prefix, STREAMS);
    started.push(router);
    const relay = await startRelay(standIn.url);
    started.push(relay);
    const pathsFor = async (text: string): Promise<Paths> => {
      const serviceTarget = harkTarget(service.url, text);
      const direct = await directTarget(standIn.url, captureFile, serviceTarget, text);
      return {
        direct,
        relay: { ...direct, url: direct.url.replace(standIn.url, relay.url) },
        service: serviceTarget,
        router: routerTarget(router.url, router.apiKeys, text),
      };
    };
    const short = await pathsFor(TEXT);
    await sequential(short, 50); // warm-up: JIT, connection pools
    const oneAtATime = compare(await sequential(short, SEQUENTIAL));
    const burst = compare(await bursts(short, ROUNDS, 100_000));
    const steadyRun = await steady(await pathsFor(`${TEXT} ${LONG_ANSWER_MARK}`), {
      direct: {},
      relay: { relay: relay.child.pid },
      service: { service: service.child.pid },
      router: { router: router.child.pid, service: service.child.pid },
    });
    const inFlight = {
      ...compare(steadyRun.samples),
      cpuMsPerTurn: steadyRun.cpuMsPerTurn,
      peakRssMiB: steadyRun.peakRssMiB,
    };
    console.log(`sequential (${SEQUENTIAL}): ${JSON.stringify(oneAtATime)}`);
    console.log(`burst of ${STREAMS} streams x ${ROUNDS}: ${JSON.stringify(burst)}`);
    console.log(`${STREAMS} streams in flight for ${STEADY_MS / 1000} s: ${JSON.stringify(inFlight)}`);
    console.log(
      JSON.stringify({ name: 'llm-ttfb', sequential: oneAtATime, burst200: burst, steady200: inFlight }),
    );
  } finally {
    for (const process of started.reverse()) process.child.kill('SIGTERM');
    agent.destroy();
    rmSync(captureFile, { force: true });
    await removeKeys(prefix);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
