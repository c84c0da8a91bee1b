import { testClusterNodes } from '@hark/testing';
import { servicesBuilt } from './service-process.js';

/**
 * The lease after which a crashed instance's work is taken over (SCHEDULER_LEASE_MS,
 * STRIPE_WORKER_LEASE_MS). 2 s in `npm test`, so a crash is recovered within its time budget;
 * `npm run chaos` runs the same scenarios with the production default, 30 s.
 */
export const LEASE_MS = Number(process.env.HARK_CHAOS_LEASE_MS ?? 2_000);

/**
 * Chaos tests run once, on the suite's single Redis: they take a minute, and the Redis Cluster
 * run of `npm test` (REDIS_CLUSTER_NODES) would only repeat them. They need the built services.
 */
export const chaosRuns = servicesBuilt && testClusterNodes() === null;
