import type { RedisClient } from '@hark/core';
import { type InteractionEvent, type InteractionKeys, recordInteractions } from '@hark/interactions';
import type { FastifyInstance } from 'fastify';
import type { AnsweredTurn } from './converse-turn.js';

export interface InteractionLogOptions {
  redis: RedisClient;
  keys: InteractionKeys;
  warn(context: Record<string, unknown>, message: string): void;
  /** How long an event may wait for others to leave with it. */
  flushMs?: number;
  /** A batch this big leaves at once. */
  maxBatch?: number;
}

/**
 * Skill and fallback turns on their way to the interaction stream the insights read. Off the hot
 * path (the reply has gone out already) and in batches: events wait up to `flushMs` and leave in
 * one pipeline, because a socket write per turn cost more than all the rest of recording it. A
 * failure only costs those data points. After close() (the app's preClose) each event goes at once.
 */
export class InteractionLog {
  private pending: InteractionEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly flushMs: number;
  private readonly maxBatch: number;

  constructor(private readonly options: InteractionLogOptions) {
    this.flushMs = options.flushMs ?? 20;
    this.maxBatch = options.maxBatch ?? 500;
  }

  add(event: InteractionEvent): void {
    this.pending.push(event);
    if (this.closed || this.pending.length >= this.maxBatch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
  }

  /** Sends what is waiting; never rejects. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const failed = await recordInteractions(this.options.redis, this.options.keys, batch).catch(
      (error: unknown) => {
        this.options.warn({ err: error }, 'could not record interactions');
        return 0;
      },
    );
    if (failed > 0) this.options.warn({ failed }, 'some interactions were not recorded');
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }
}

/** Adds an answered skill or fallback turn to the log, with the plan in force (its id). */
/** How insights see a clarifying question: counted with the system exchanges. */
export const CLARIFY_INTENT = 'system.clarify';

export async function recordAnsweredTurn(
  app: FastifyInstance,
  log: InteractionLog,
  turn: AnsweredTurn,
): Promise<void> {
  try {
    const { planId } = await app.entitlements.entitlements(turn.userId);
    log.add({
      userId: turn.userId,
      plan: planId,
      // A clarifying question is a local system exchange to insights: no skill ran, nothing was sold.
      handledBy: turn.handledBy === 'clarify' ? 'skill' : turn.handledBy,
      intent: turn.handledBy === 'clarify' ? CLARIFY_INTENT : turn.intent,
      outcome: 'ok',
      latencyMs: turn.latencyMs,
      sessionId: turn.sessionId,
      upsell: turn.upsell,
      at: new Date(),
    });
  } catch (error) {
    app.log.warn({ err: error }, 'could not record an interaction');
  }
}
