// An open-loop load generator: requests leave at a fixed rate whether or not earlier ones have been
// answered, as independent clients' requests do. autocannon's `overallRate` is not that: each of its
// connections sends its share of a second back to back as soon as the second starts and then waits,
// so it measures bursts at full speed, not latency at a steady rate.
import { Agent, request } from 'node:http';
import { busyBetween, machineCpuTimes } from './process-usage.js';
import { percentiles, round } from './stats.js';

export interface FixedRateOptions {
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  /** Extra headers of the i-th request (e.g. its user's API key). */
  headersFor?: (index: number) => Record<string, string>;
  /** Requests per second. */
  rate: number;
  seconds: number;
  /** Sent first at the same rate and left out of the figures. */
  warmUpSeconds?: number;
}

export interface FixedRateOutcome {
  /** Requests per second actually sent (the pacer runs on timers, so it can fall a little short). */
  sentRps: number;
  completed: number;
  errors: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Share of all the machine's cores busy meanwhile. */
  machineBusy: number;
}

function send(url: URL, options: FixedRateOptions, agent: Agent, index: number): Promise<number | null> {
  const started = performance.now();
  const body = options.body ?? '';
  return new Promise((resolve) => {
    const outgoing = request(
      url,
      {
        method: options.method ?? 'GET',
        agent,
        headers: {
          ...(options.body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
          ...options.headersFor?.(index),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          const ok = response.statusCode !== undefined && response.statusCode < 300;
          resolve(ok ? performance.now() - started : null);
        });
        response.on('error', () => resolve(null));
      },
    );
    outgoing.on('error', () => resolve(null));
    outgoing.end(body);
  });
}

/** Sends `rate * seconds` requests evenly spaced; latency is measured per request, in ms (sub-ms). */
async function pace(options: FixedRateOptions, seconds: number, agent: Agent, offset: number) {
  const url = new URL(options.url);
  const total = Math.round(options.rate * seconds);
  const pending: Array<Promise<number | null>> = [];
  const started = performance.now();
  await new Promise<void>((done) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) * options.rate) / 1000) + 1);
      while (pending.length < due) pending.push(send(url, options, agent, offset + pending.length));
      if (pending.length < total) setTimeout(tick, 1);
      else done();
    };
    tick();
  });
  const sendingMs = performance.now() - started;
  return { results: await Promise.all(pending), sendingMs };
}

export async function fixedRate(options: FixedRateOptions): Promise<FixedRateOutcome> {
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  try {
    const warmUp = options.warmUpSeconds ?? 1;
    if (warmUp > 0) await pace(options, warmUp, agent, 0);
    const machineBefore = machineCpuTimes();
    const { results, sendingMs } = await pace(options, options.seconds, agent, options.rate * warmUp);
    const machineBusy = round(busyBetween(machineBefore), 2);
    const latencies = results.filter((ms): ms is number => ms !== null);
    const { p50, p99, max } = percentiles(latencies);
    const p90 = [...latencies].sort((a, b) => a - b)[Math.floor(latencies.length * 0.9)] ?? Number.NaN;
    return {
      sentRps: round((results.length * 1000) / sendingMs, 0),
      completed: latencies.length,
      errors: results.length - latencies.length,
      p50: round(p50, 3),
      p90: round(p90, 3),
      p99: round(p99, 3),
      max: round(max, 3),
      machineBusy,
    };
  } finally {
    agent.destroy();
  }
}
