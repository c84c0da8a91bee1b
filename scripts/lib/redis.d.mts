// Types for redis.mjs, so TypeScript tests can import it.

export interface FoundRedis {
  url: string;
  /** env: REDIS_URL; found: the fallback answered; started: this call started (or took over) it; shared: another run's. */
  source: 'env' | 'found' | 'started' | 'shared';
  /** The data directory of a redis-server started by these scripts. */
  dataDir?: string;
  /** Stops the redis-server this call started (and removes a throwaway data dir); otherwise does nothing. */
  stop(): Promise<void>;
}

export interface FindOrStartRedisOptions {
  /** Names the data dir .hark/redis/<purpose>; 'test' implies throwaway. Default 'dev'. */
  purpose?: string;
  /** Data in a temp dir removed on stop(). Default: purpose === 'test'. */
  throwaway?: boolean;
  /** Where REDIS_URL and PATH are read. Default process.env. */
  env?: Record<string, string | undefined>;
  /** Tried when REDIS_URL is unset. Default redis://127.0.0.1:6379. */
  fallbackUrl?: string;
  log?: (message: string) => void;
}

export const DEFAULT_FALLBACK_URL: string;
export function findOrStartRedis(options?: FindOrStartRedisOptions): Promise<FoundRedis>;
export function ping(url: string, timeoutMs?: number): Promise<boolean>;
export function redisCommand(url: string, args: string[], timeoutMs?: number): Promise<unknown>;
export function findExecutable(name: string, searchPath?: string): string | null;
export function freePort(): Promise<number>;
export function spawnRedisServer(
  server: string,
  args: string[],
): { child: import('node:child_process').ChildProcess; output(): string };
export function waitUntilReady(
  url: string,
  child: import('node:child_process').ChildProcess,
  output: () => string,
  timeoutMs?: number,
): Promise<void>;
