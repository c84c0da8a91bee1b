// The processes of the time-to-first-token bench: the OpenAI stand-in, the conversation service and
// the router, each in a process of its own (built, as in production), on one Redis key prefix.
import { type ChildProcess, spawn } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createRedis, keySpace, systemClock } from '@hark/core';
import { entitlementKeys } from '@hark/entitlements-client';
import { grantProjection } from '@hark/testing';
import { UserStore, userKeys } from '@hark/users';
import {
  firstJsonLine,
  nodeArgsFrom,
  spawnTypeScript,
  startRouter as startBuiltRouter,
  startService as startBuiltService,
} from './http-stack.js';

export const INTERNAL_TOKEN = 'bench-internal-token';
const serviceEntry = fileURLToPath(new URL('../../../services/conversation/dist/server.js', import.meta.url));
const redisUrl = () => process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface Started {
  child: ChildProcess;
  url: string;
}

export async function startStandIn(captureFile: string): Promise<Started> {
  const script = fileURLToPath(new URL('./openai-stand-in-server.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
  const env = { ...process.env, BENCH_CAPTURE_FILE: captureFile };
  const child = spawn(tsx, [script], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next();
  return { child, ...(JSON.parse(first.value as string) as { url: string }) };
}

/**
 * The bare relay in front of `targetUrl`: the HTTP bench's round-robin proxy with this one upstream
 * (a request in, the same request out on a kept-alive connection, the answer piped back chunk by
 * chunk). Its URL has the target's path.
 */
export async function startRelay(targetUrl: string): Promise<Started> {
  const target = new URL(targetUrl);
  const script = fileURLToPath(new URL('./round-robin-proxy.ts', import.meta.url));
  const child = spawnTypeScript(script, [target.origin]);
  const { port } = await firstJsonLine<{ port: number }>(child);
  return { child, url: `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}` };
}

/** The built conversation service (http-stack.ts starts it), calling the stand-in as its LLM. */
export function startService(standInUrl: string, prefix: string): Promise<Started> {
  // e.g. BENCH_SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to see where the service spends its time.
  return startBuiltService(serviceEntry, prefix, {
    nodeArgs: nodeArgsFrom('BENCH_SERVICE_NODE_ARGS'),
    env: {
      INTERNAL_TOKEN,
      LLM_BASE_URL: standInUrl,
      LLM_API_KEY: 'sk-bench',
      LLM_MAX_RETRIES: '0',
      LLM_FIRST_TOKEN_TIMEOUT_MS: '20000',
      LLM_TOTAL_TIMEOUT_MS: '60000',
    },
  });
}

/** A plan with conversation and no practical daily cap, so the bench measures time, not quotas. */
const benchPlan = {
  id: 'bench',
  name: 'Bench',
  enabled: true,
  price: null,
  features: { conversation: true },
  limits: { 'conversation.turns_per_day': 1_000_000_000 },
};

/** The router in front of the service, with `users` users on the bench plan; returns their API keys. */
export async function startRouter(
  serviceUrl: string,
  prefix: string,
  users: number,
): Promise<Started & { apiKeys: string[] }> {
  const redis = createRedis(redisUrl());
  await redis.connect();
  const space = keySpace(prefix);
  const keys = entitlementKeys(space);
  const store = new UserStore(redis, userKeys(space), systemClock);
  await redis.hset(keys.plans(), 'bench', JSON.stringify(benchPlan));
  const apiKeys: string[] = [];
  for (let index = 0; index < users; index++) {
    const id = `bench${index}`;
    await store.createUser({ id, timezone: 'Europe/Paris' });
    await redis.set(keys.entitlement(id), JSON.stringify(grantProjection(id, 'bench')));
    apiKeys.push((await store.addApiKey(id)).key);
  }
  redis.disconnect();
  // BENCH_ROUTER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles it, as in the HTTP bench.
  const router = await startBuiltRouter(prefix, { env: { INTERNAL_TOKEN, CONVERSATION_URL: serviceUrl } });
  return { child: router.child, url: router.url, apiKeys };
}
