// CPU time and memory of the bench's processes, read from /proc (Linux). Elsewhere the figures
// are NaN and the bench says "n/a" rather than failing.
import { readFileSync } from 'node:fs';

const onLinux = process.platform === 'linux';
/** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) to user space. */
const MS_PER_TICK = 10;

/** User plus system CPU time the process has used so far, in ms. */
export function cpuMsOf(pid: number | undefined): number {
  if (!onLinux || pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return Number.NaN;
  }
}

/** Resident set size in bytes. */
export function rssBytesOf(pid: number | undefined): number {
  if (!onLinux || pid === undefined) return Number.NaN;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kib ? Number(kib) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Samples the RSS of some processes every `everyMs` until stopped; reports each one's peak. */
export function watchPeakRss(pids: Record<string, number | undefined>, everyMs = 200) {
  const peaks: Record<string, number> = Object.fromEntries(
    Object.keys(pids).map((name) => [name, Number.NaN]),
  );
  const sample = () => {
    for (const [name, pid] of Object.entries(pids)) {
      const rss = rssBytesOf(pid);
      if (!Number.isNaN(rss)) peaks[name] = Number.isNaN(peaks[name]!) ? rss : Math.max(peaks[name]!, rss);
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop(): Record<string, number> {
      clearInterval(timer);
      sample();
      return peaks;
    },
  };
}

/** V8 heap in use of a Hark service, from its Prometheus metrics (prom-client's default gauges). */
export async function heapUsedBytesOf(serviceUrl: string): Promise<number> {
  try {
    const text = await (await fetch(`${serviceUrl}/metrics`)).text();
    const line = /^hark_nodejs_heap_size_used_bytes (\S+)$/m.exec(text);
    return line ? Number(line[1]) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export const mebibytes = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Jiffies the whole machine has spent, and of those idle (first line of /proc/stat). */
export function machineCpuTimes(): { idle: number; total: number } {
  if (!onLinux) return { idle: Number.NaN, total: Number.NaN };
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const values = fields.map(Number);
  // user nice system idle iowait irq softirq steal: idle and iowait are the idle time.
  return { idle: values[3]! + values[4]!, total: values.slice(0, 8).reduce((sum, v) => sum + v, 0) };
}

/** Share of all cores that was busy between two readings of machineCpuTimes, 0..1. */
export function busyBetween(before: { idle: number; total: number }, after = machineCpuTimes()): number {
  const total = after.total - before.total;
  return total > 0 ? 1 - (after.idle - before.idle) / total : Number.NaN;
}
