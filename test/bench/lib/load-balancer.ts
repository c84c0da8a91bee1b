// The local proxy in front of one or two routers in the scale-out part of the HTTP bench: HAProxy
// (what the compose "multi" profile runs) when it is installed, else a small Node round-robin proxy,
// per connection over TCP by default. BENCH_PROXY=haproxy|node-tcp|node chooses. One proxy thread
// either way, so the proxy's cost is the same whether one router or two stand behind it.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unusedPort } from '@hark/testing';
import { firstJsonLine, spawnTypeScript } from './http-stack.js';

export interface LoadBalancer {
  kind: 'haproxy' | 'node' | 'node-tcp';
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

function haproxyInstalled(): boolean {
  try {
    execFileSync('haproxy', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  return exited;
}

async function untilAnswering(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`the proxy exited with ${child.exitCode}`);
    if (
      await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the proxy did not answer');
}

function haproxyConfig(port: number, upstreams: string[]): string {
  const servers = upstreams.map((url, index) => `  server router${index} ${new URL(url).host}`);
  return [
    'global',
    '  nbthread 1',
    '  maxconn 4000',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  option http-keep-alive',
    '  http-reuse always',
    'frontend bench',
    `  bind 127.0.0.1:${port}`,
    '  default_backend routers',
    'backend routers',
    '  balance roundrobin',
    ...servers,
    '',
  ].join('\n');
}

async function startHaproxy(upstreams: string[]): Promise<LoadBalancer> {
  const port = await unusedPort();
  const dir = mkdtempSync(path.join(tmpdir(), 'hark-bench-haproxy-'));
  const config = path.join(dir, 'haproxy.cfg');
  writeFileSync(config, haproxyConfig(port, upstreams));
  // -db: stay in the foreground, so the process is this child and stops with it.
  const child = spawn('haproxy', ['-db', '-f', config], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  await untilAnswering(url, child);
  return {
    kind: 'haproxy',
    url,
    pid: child.pid,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One of the Node proxies: per request over HTTP ('node'), or per connection over TCP ('node-tcp'). */
async function startNodeProxy(kind: 'node' | 'node-tcp', upstreams: string[]): Promise<LoadBalancer> {
  const script = kind === 'node' ? './round-robin-proxy.ts' : './tcp-round-robin-proxy.ts';
  const child = spawnTypeScript(fileURLToPath(new URL(script, import.meta.url)), upstreams);
  const { port } = await firstJsonLine<{ port: number }>(child);
  const url = `http://127.0.0.1:${port}`;
  await untilAnswering(url, child);
  return { kind, url, pid: child.pid, stop: () => stopChild(child) };
}

export async function startLoadBalancer(upstreams: string[]): Promise<LoadBalancer> {
  // Without HAProxy, the connection-level Node proxy: it costs the shared cores far less than
  // re-sending every request over HTTP ('node': about 140 µs more per request on two vCPUs).
  const wanted = process.env.BENCH_PROXY ?? (haproxyInstalled() ? 'haproxy' : 'node-tcp');
  if (wanted === 'haproxy') return startHaproxy(upstreams);
  return startNodeProxy(wanted === 'node-tcp' ? 'node-tcp' : 'node', upstreams);
}
