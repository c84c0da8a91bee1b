// Types for redis-cluster.mjs, so TypeScript tests can import it.

export interface StartedRedisCluster {
  /** "127.0.0.1:port" of each master: the value of REDIS_CLUSTER_NODES, joined with commas. */
  nodes: string[];
  /** The temp dir of the nodes' cluster config files, removed on stop(). */
  dataDir: string;
  /** Stops every node and removes the temp dir; safe to call more than once. */
  stop(): Promise<void>;
}

export interface StartRedisClusterOptions {
  /** Master count (no replicas). Default 3. */
  masters?: number;
  /** Where PATH is read. Default process.env. */
  env?: Record<string, string | undefined>;
  log?: (message: string) => void;
  /** Longest wait for a node to answer, and for cluster_state:ok. Default 30 s. */
  timeoutMs?: number;
}

export function startRedisCluster(options?: StartRedisClusterOptions): Promise<StartedRedisCluster>;

export const CLUSTER_RUN_EXCLUDES: string[];
export function clusterRunEnv<T extends Record<string, string | undefined>>(
  env: T,
): T & { HARK_TEST_EXCLUDE: string };
export function clusterRunArgs(
  args: string[],
  options?: { env?: Record<string, string | undefined>; log?: (message: string) => void },
): string[] | null;

export function onRedisCluster<T>(
  fn: (env: Record<string, string | undefined>) => Promise<T>,
  options?: { env?: Record<string, string | undefined>; log?: (message: string) => void },
): Promise<T>;
