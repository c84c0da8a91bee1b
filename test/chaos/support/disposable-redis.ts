import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findExecutable, freePort, spawnRedisServer, waitUntilReady } from '../../../scripts/lib/redis.mjs';

export const redisServerPath = findExecutable('redis-server');

/**
 * A redis-server of the test's own, on a free loopback port with its data in a temp dir, that
 * the test may kill and start again on the same port and data. Append-only with an fsync per
 * write, so a kill -9 of Redis loses no acknowledged write and the test sees Hark's own faults.
 */
export class DisposableRedis {
  private child: ChildProcess | null = null;

  private constructor(
    private readonly server: string,
    readonly port: number,
    private readonly dataDir: string,
  ) {}

  static async start(): Promise<DisposableRedis> {
    if (!redisServerPath) throw new Error('redis-server is not on PATH');
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hark-chaos-redis-'));
    const redis = new DisposableRedis(redisServerPath, await freePort(), dataDir);
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts redis-server (again) on the same port and data; resolves once it answers PING. */
  async restart(): Promise<void> {
    const args = ['--bind', '127.0.0.1', '--port', String(this.port), '--dir', this.dataDir];
    args.push('--appendonly', 'yes', '--appendfsync', 'always', '--save', '');
    const { child, output } = spawnRedisServer(this.server, args);
    this.child = child;
    await waitUntilReady(this.url, child, output, 10_000);
  }

  /** kill -9 of Redis: every connection drops at once. */
  async crash(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGSTOP: Redis keeps every connection open and answers nothing, as a hung server does. */
  freeze(): void {
    this.child?.kill('SIGSTOP');
  }

  /** SIGCONT: Redis answers again, replies to what was sent meanwhile first. */
  thaw(): void {
    this.child?.kill('SIGCONT');
  }

  async stop(): Promise<void> {
    this.thaw();
    await this.crash();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
