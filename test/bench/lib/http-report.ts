// What the HTTP bench prints: a human table and the one JSON line `npm run bench` collects.
import type { FixedRateOutcome } from './fixed-rate.js';
import { mebibytes } from './process-usage.js';
import { percentiles, round } from './stats.js';

/** One closed-loop (autocannon) run. */
export interface Outcome {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU time of the server process(es) per request answered, in µs: the router's, or the baseline's. */
  serverCpuUs: number;
  /** Redis's CPU time per request, in µs (NaN when Redis is not on this machine). */
  redisCpuUs: number;
  /** Share of all the machine's cores busy during the run (load generator, servers, Redis, others). */
  machineBusy: number;
}

/**
 * One kind of request over all rounds: medians of its runs, and its ratios to the echo baselines as
 * medians of the ratios within each round (each round runs every kind once, back to back, so a
 * neighbour's burst on a shared machine skews one round's ratio, not the result).
 */
export interface ThroughputRow extends Outcome {
  vsEcho: number;
  /** The smallest and largest ratio to echo among the rounds. */
  vsEchoRange: [number, number];
  vsRedisEcho: number;
  rounds: number;
}

const median = (values: number[]) => percentiles(values).p50;

/** Combines one kind's runs with the echo baselines' runs of the same rounds (index = round). */
export function combineRounds(runs: Outcome[], echo: Outcome[], redisEcho: Outcome[]): ThroughputRow {
  const vsEcho = runs.map((run, i) => run.rps / echo[i]!.rps);
  const pick = (field: keyof Outcome) => median(runs.map((run) => run[field]));
  return {
    rps: round(pick('rps'), 0),
    p50: pick('p50'),
    p99: pick('p99'),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    serverCpuUs: pick('serverCpuUs'),
    redisCpuUs: pick('redisCpuUs'),
    machineBusy: pick('machineBusy'),
    vsEcho: round(median(vsEcho), 3),
    vsEchoRange: [round(Math.min(...vsEcho), 3), round(Math.max(...vsEcho), 3)],
    vsRedisEcho: round(median(runs.map((run, i) => run.rps / redisEcho[i]!.rps)), 3),
    rounds: runs.length,
  };
}

export interface ThroughputResult {
  /** Hello, echo, echo after a Redis GET, the router's three turns, then its /healthz and GET /v1/profile. */
  rows: Array<[string, ThroughputRow]>;
  routerPeakRss: number;
  routerHeapUsed: number;
  baselinesPeakRss: number;
}

export interface FixedRateResult {
  /** Echo, then the router's requests. */
  rows: Array<[string, FixedRateOutcome]>;
  routerPeakRss: number;
}

export interface ScaleOutSummary {
  rps: number;
  p99: number;
  /** Router(s) and proxy together, per request. */
  cpuUs: number;
  machineBusy: number;
  errors: number;
}

export interface ScaleOutResult {
  proxy: string;
  one: ScaleOutSummary;
  two: ScaleOutSummary;
  peakRss: Record<string, number>;
}

/** A service other than the router at full load: its figures and its peak RSS in bytes. */
export interface ServiceLoadResult extends Outcome {
  peakRss: number;
}

export interface BenchSettings {
  seconds: number;
  rounds: number;
  connections: number;
  users: number;
  fixedRate: number;
  fixedSeconds: number;
  scaleConnections: number;
}

export function printReport(
  settings: BenchSettings,
  measured: ThroughputResult,
  fixed: FixedRateResult,
  scale: ScaleOutResult,
  entitlements: ServiceLoadResult,
): void {
  const { seconds, rounds, connections, users, fixedRate, fixedSeconds } = settings;
  console.log(
    `throughput: ${rounds} rounds of ${seconds} s per kind (medians), ${connections} connections, ${users} users`,
  );
  for (const [label, r] of measured.rows) {
    const [low, high] = r.vsEchoRange;
    console.log(
      `  ${label.padEnd(38)} ${String(r.rps).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  ` +
        `vs echo ${r.vsEcho} (rounds ${low}-${high})  server ${r.serverCpuUs} µs/req  redis ${r.redisCpuUs} µs/req  ` +
        `machine ${Math.round(r.machineBusy * 100)}% busy  errors ${r.errors}`,
    );
  }
  console.log(`latency at ${fixedRate} requests/s (open loop), ${fixedSeconds} s each`);
  for (const [label, r] of fixed.rows) {
    console.log(
      `  ${label.padEnd(38)} sent ${r.sentRps}/s  p50 ${r.p50} ms  p90 ${r.p90} ms  p99 ${r.p99} ms  max ${r.max} ms  ` +
        `machine ${Math.round(r.machineBusy * 100)}% busy  errors ${r.errors}`,
    );
  }
  console.log(`scale-out behind ${scale.proxy}, ${settings.scaleConnections} connections, "what time is it"`);
  console.log(`  one router:  ${JSON.stringify(scale.one)}`);
  console.log(`  two routers: ${JSON.stringify(scale.two)}  (${round(scale.two.rps / scale.one.rps, 2)}x)`);
  const peaks = Object.entries(scale.peakRss).map(([name, bytes]) => `${name} ${mebibytes(bytes)} MiB`);
  console.log(
    `memory (peak RSS): router ${mebibytes(measured.routerPeakRss)} MiB (V8 heap in use ${mebibytes(measured.routerHeapUsed)} MiB) ` +
      `under full load, ${mebibytes(fixed.routerPeakRss)} MiB at ${fixedRate}/s; scale-out: ${peaks.join(', ')}; ` +
      `baseline servers ${mebibytes(measured.baselinesPeakRss)} MiB`,
  );
  console.log(
    `entitlements service, GET /v1/me at full load: ${entitlements.rps} req/s  p99 ${entitlements.p99} ms  ` +
      `server ${entitlements.serverCpuUs} µs/req  peak RSS ${mebibytes(entitlements.peakRss)} MiB  errors ${entitlements.errors}`,
  );
}

/** The JSON line: the same figures, flat enough for the summary table of `npm run bench`. */
export function resultLine(
  measured: ThroughputResult,
  fixed: FixedRateResult,
  scale: ScaleOutResult,
  entitlements: ServiceLoadResult,
): Record<string, unknown> {
  const [hello, echo, redisEcho, time, timerVoice, timerRest, healthz, profile] = measured.rows.map(
    ([, r]) => r,
  );
  const [fixedEcho, fixedTime, fixedTimer] = fixed.rows.map(([, r]) => r);
  const latency = (r: FixedRateOutcome) => ({ p50: r.p50, p99: r.p99 });
  return {
    name: 'http',
    helloRps: hello!.rps,
    echoRps: echo!.rps,
    redisEchoRps: redisEcho!.rps,
    converseTimeRps: time!.rps,
    converseTimerRps: timerVoice!.rps,
    createTimerRps: timerRest!.rps,
    converseTimeVsEcho: time!.vsEcho,
    converseTimeVsEchoRange: time!.vsEchoRange,
    converseTimerVsEcho: timerVoice!.vsEcho,
    converseTimerVsEchoRange: timerVoice!.vsEchoRange,
    createTimerVsEcho: timerRest!.vsEcho,
    routerHealthzVsEcho: healthz!.vsEcho,
    routerProfileVsEcho: profile!.vsEcho,
    redisEchoVsEcho: redisEcho!.vsEcho,
    converseTimeVsRedisEcho: time!.vsRedisEcho,
    converseTimerVsRedisEcho: timerVoice!.vsRedisEcho,
    cpuUsPerRequest: {
      echo: echo!.serverCpuUs,
      redisEcho: redisEcho!.serverCpuUs,
      time: time!.serverCpuUs,
      timer: timerVoice!.serverCpuUs,
      routerHealthz: healthz!.serverCpuUs,
      routerProfile: profile!.serverCpuUs,
    },
    at1000rps: { echo: latency(fixedEcho!), time: latency(fixedTime!), timer: latency(fixedTimer!) },
    routerPeakRssMiB: mebibytes(measured.routerPeakRss),
    routerHeapUsedMiB: mebibytes(measured.routerHeapUsed),
    scaleOut: { proxy: scale.proxy, oneRps: scale.one.rps, twoRps: scale.two.rps },
    twoRoutersVsOne: round(scale.two.rps / scale.one.rps, 2),
    entitlementsMe: {
      rps: entitlements.rps,
      cpuUs: entitlements.serverCpuUs,
      peakRssMiB: mebibytes(entitlements.peakRss),
    },
    errors:
      measured.rows.reduce((sum, [, r]) => sum + r.errors, 0) +
      fixed.rows.reduce((sum, [, r]) => sum + r.errors, 0) +
      scale.one.errors +
      scale.two.errors +
      entitlements.errors,
  };
}
