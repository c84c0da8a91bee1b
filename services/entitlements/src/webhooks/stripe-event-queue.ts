import { createRedis, type RedisClient, type RedisTarget } from '@hark/core';
import { type Job, Queue, Worker } from 'bullmq';
import type { StripeEventJob } from './stripe-event-job.js';

export interface RetryPolicy {
  attempts: number;
  /** First retry delay; each next one doubles, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * About 3 days of retries (≈ 1 s, 2 s, … then every 20 minutes), matching how long Stripe itself
 * would have retried had we not acknowledged. A job that still fails stays in BullMQ's failed
 * set (never removed), and POST /admin/stripe/resync recovers its effect in any case.
 */
export const defaultRetryPolicy: RetryPolicy = { attempts: 220, baseDelayMs: 1_000, maxDelayMs: 20 * 60_000 };

export interface StripeEventQueueOptions {
  /** One Redis server or a Redis Cluster (redisTargetOf(config)). */
  redis: RedisTarget;
  /** BullMQ key prefix (keys.stripeQueuePrefix()): its `{stripe-queue}` tag keeps every queue key on one Cluster slot. */
  prefix: string;
  process: (job: StripeEventJob) => Promise<void>;
  onFailure: (job: StripeEventJob | undefined, error: Error, willRetry: boolean) => void;
  retry?: RetryPolicy;
  /** Jobs in flight per instance; per-customer ordering comes from the customer lock, not from this. */
  concurrency?: number;
  /**
   * How long a job stays with a worker that stopped renewing its lock (a crash) before another
   * worker runs it again (BullMQ's lockDuration; the stalled check runs every half of it). Default 30 s.
   */
  leaseMs?: number;
}

const QUEUE_NAME = 'stripe-events';

export function retryDelayMs(attemptsMade: number, policy: RetryPolicy): number {
  return Math.min(policy.baseDelayMs * 2 ** Math.max(attemptsMade - 1, 0), policy.maxDelayMs);
}

/**
 * The Redis-backed queue between the webhook route (which only verifies and enqueues) and the
 * worker in the same process (which syncs). The job id is the Stripe event id, so deliveries of
 * one event collapse into one job while it waits or runs.
 */
export class StripeEventQueue {
  private readonly retry: RetryPolicy;
  // Fail-fast client for enqueueing, so a webhook answers 503 at once (and Stripe retries) when
  // Redis is down; the worker's client waits instead, as BullMQ requires for blocking reads.
  // Both from createRedis (one server or a Cluster), minus auto-pipelining, which Bull's users
  // report losing jobs with.
  private readonly producerConnection: RedisClient;
  private readonly workerConnection: RedisClient;
  private queue: Queue<StripeEventJob> | null = null;
  private worker: Worker<StripeEventJob> | null = null;

  constructor(private readonly options: StripeEventQueueOptions) {
    this.retry = options.retry ?? defaultRetryPolicy;
    this.producerConnection = createRedis(options.redis, { enableAutoPipelining: false });
    this.workerConnection = createRedis(options.redis, {
      enableAutoPipelining: false,
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      commandTimeout: undefined,
    });
  }

  async start(runWorker: boolean): Promise<void> {
    await this.producerConnection.connect();
    this.queue = new Queue<StripeEventJob>(QUEUE_NAME, {
      connection: this.producerConnection,
      prefix: this.options.prefix,
    });
    await this.queue.waitUntilReady();
    if (runWorker) await this.startWorker();
  }

  async enqueue(job: StripeEventJob): Promise<void> {
    if (!this.queue) throw new Error('the Stripe event queue is not started');
    // A redelivery (say, `stripe events resend`) of an event whose job ran out of retries would
    // otherwise collide with that job's id and be dropped: run the failed job again instead.
    if ((await this.queue.getJobState(job.eventId)) === 'failed') {
      await (await this.queue.getJob(job.eventId))?.retry('failed', {
        resetAttemptsMade: true,
        resetAttemptsStarted: true,
      });
      return;
    }
    await this.queue.add(job.type, job, {
      jobId: job.eventId,
      attempts: this.retry.attempts,
      backoff: { type: 'capped-exponential' },
      removeOnComplete: { count: 1_000 },
      removeOnFail: false,
    });
  }

  /** Jobs not finished yet (waiting, running, or delayed for a retry), and failed for good. */
  async counts(): Promise<{ pending: number; failed: number }> {
    if (!this.queue) return { pending: 0, failed: 0 };
    const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed');
    const pending =
      (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0);
    return { pending, failed: counts.failed ?? 0 };
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
    for (const connection of [this.workerConnection, this.producerConnection]) {
      await connection.quit().catch(() => connection.disconnect());
    }
  }

  private async startWorker(): Promise<void> {
    await this.workerConnection.connect();
    const worker = new Worker<StripeEventJob>(
      QUEUE_NAME,
      (job: Job<StripeEventJob>) => this.options.process(job.data),
      {
        connection: this.workerConnection,
        prefix: this.options.prefix,
        concurrency: this.options.concurrency ?? 8,
        lockDuration: this.options.leaseMs ?? 30_000,
        stalledInterval: (this.options.leaseMs ?? 30_000) / 2,
        autorun: false,
        settings: { backoffStrategy: (attemptsMade: number) => retryDelayMs(attemptsMade, this.retry) },
      },
    );
    worker.on('failed', (job, error) => {
      const willRetry = job ? job.attemptsMade < (job.opts.attempts ?? 1) : false;
      this.options.onFailure(job?.data, error, willRetry);
    });
    // Errors of the worker itself (a lost connection) are reported; BullMQ reconnects by itself.
    worker.on('error', (error) => this.options.onFailure(undefined, error, true));
    this.worker = worker;
    void worker.run();
    await worker.waitUntilReady();
  }
}
