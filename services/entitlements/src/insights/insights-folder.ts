import { randomUUID } from 'node:crypto';
import type { Clock, RedisClient } from '@hark/core';
import type { InteractionKeys } from '@hark/interactions';
import type { FastifyBaseLogger } from 'fastify';
import { entitlementsScripts } from '../entitlements-scripts.js';
import type { EntitlementsServiceKeys } from '../entitlements-service-keys.js';
import type { CustomerClassifier } from './customer-class.js';
import { type FoldableEvent, parseInteraction, type StreamEntry } from './interaction-entry.js';
import { RollupBatch } from './rollup-batch.js';

export interface InsightsFolderOptions {
  redis: RedisClient;
  keys: EntitlementsServiceKeys & InteractionKeys;
  clock: Clock;
  /** Who each user counts as (paying, trial, comped, free, internal) when their events are folded. */
  classifier: Pick<CustomerClassifier, 'classify'>;
  log?: Pick<FastifyBaseLogger, 'warn' | 'error'>;
  /** Stream entries read and committed at once (default 1000). */
  batchSize?: number;
  /** The fold lock frees itself after this long, should its holder die (default 30 s). */
  lockTtlMs?: number;
}

export interface FoldBudget {
  /** Stop after this many batches (default: until caught up or out of time). */
  maxBatches?: number;
  /** Stop starting new batches after this long. */
  maxMs: number;
}

export interface FoldResult {
  /** Stream entries this call committed (malformed ones included). */
  folded: number;
  /** Another folder held the lock: nothing was done here. */
  busy: boolean;
  /** The cursor reached the end of the stream. */
  caughtUp: boolean;
}

/**
 * Folds new interaction events into the insights rollups, incrementally: it reads the stream
 * after a cursor kept in Redis, and commits each batch's rollups and the moved cursor in one
 * script that first checks the cursor is still where the batch was read from.
 *
 * Exactly once: the lock (SET NX PX) keeps instances from doing the same work; the cursor check
 * is what makes double counting impossible, even when a stalled holder's lock expired and a
 * second folder read the same batch (its commit finds the cursor moved and writes nothing).
 */
export class InsightsFolder {
  private readonly scripts;
  private readonly batchSize: number;
  private readonly lockTtlMs: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly options: InsightsFolderOptions) {
    this.scripts = entitlementsScripts(options.redis);
    this.batchSize = options.batchSize ?? 1_000;
    this.lockTtlMs = options.lockTtlMs ?? 30_000;
  }

  /** Folds batches under the lock until caught up or out of budget; returns at once when busy. */
  async fold(budget: FoldBudget): Promise<FoldResult> {
    const { redis, keys } = this.options;
    const token = randomUUID();
    if ((await redis.set(keys.insightsFoldLock(), token, 'PX', this.lockTtlMs, 'NX')) !== 'OK') {
      return { folded: 0, busy: true, caughtUp: false };
    }
    const started = performance.now();
    // Never run past half the lock's life: the lock must outlive the work it guards.
    const maxMs = Math.min(budget.maxMs, this.lockTtlMs / 2);
    let folded = 0;
    try {
      for (let batch = 0; batch < (budget.maxBatches ?? Number.POSITIVE_INFINITY); batch++) {
        if (batch > 0 && performance.now() - started >= maxMs) break;
        const committed = await this.foldBatch();
        if (committed === 0) return { folded, busy: false, caughtUp: true };
        folded += Math.max(committed, 0);
      }
      return { folded, busy: false, caughtUp: false };
    } finally {
      await this.scripts.releaseLock(keys.insightsFoldLock(), token);
    }
  }

  /** fold() before answering a request: a failure is logged, and the answer shows the lag instead. */
  async catchUp(budget: FoldBudget): Promise<void> {
    try {
      await this.fold(budget);
    } catch (error) {
      this.options.log?.warn({ err: error }, 'insights fold failed; answering from the rollups as they are');
    }
  }

  /**
   * Reads and commits one batch: resolves the entries committed, 0 at the end of the stream, or
   * -1 when another folder moved the cursor meanwhile (the batch is read again next time).
   */
  async foldBatch(): Promise<number> {
    const { redis, keys, clock } = this.options;
    const cursor = (await redis.hget(keys.insightsState(), 'cursor')) ?? '';
    const entries = (await redis.xrange(
      keys.interactions(),
      cursor ? `(${cursor}` : '-',
      '+',
      'COUNT',
      this.batchSize,
    )) as StreamEntry[];
    const last = entries.at(-1);
    if (!last) return 0;
    const events = entries.map(parseInteraction).filter((event): event is FoldableEvent => event !== null);
    // One lookup per batch: a class is the user's as of this fold, not of each turn.
    const classes = await this.options.classifier.classify(events.map((event) => event.userId));
    const batch = new RollupBatch(keys);
    let newestMs = 0;
    for (const event of events) {
      batch.add(event, classes.get(event.userId) ?? 'free');
      newestMs = Math.max(newestMs, event.atMs);
    }
    const { rollupKeys, operations } = batch.scriptOperations();
    const fixedKeys = [
      keys.insightsState(),
      keys.insightsGateHits(),
      keys.insightsUpgrades(),
      keys.insightsGateDays(),
    ];
    const committed = await this.scripts.foldInsights(
      fixedKeys.length + rollupKeys.length,
      ...fixedKeys,
      ...rollupKeys,
      cursor,
      last[0],
      entries.length,
      newestMs || Number(last[0].split('-')[0]),
      clock.now().getTime(),
      operations,
    );
    return committed === 1 ? entries.length : -1;
  }

  /** Folds in the background every `intervalMs` (one run at a time per instance). */
  start(intervalMs: number): void {
    if (this.timer || intervalMs <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.fold({ maxMs: intervalMs })
        .catch((error) =>
          this.options.log?.warn({ err: error }, 'insights fold failed; retried next interval'),
        )
        .finally(() => {
          this.running = null;
        });
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a fold in progress, so Redis is not closed under it. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
