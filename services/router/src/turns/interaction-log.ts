import { recordInteraction } from '@hark/core';
import type { FastifyInstance } from 'fastify';
import type { AnsweredTurn } from './converse-turn.js';

/**
 * Appends a skill or fallback turn to the interaction stream the insights read, off the hot
 * path: the reply has gone out already, and a failure here only costs one data point.
 */
export async function recordAnsweredTurn(app: FastifyInstance, turn: AnsweredTurn): Promise<void> {
  try {
    const { planId } = await app.entitlements.entitlements(turn.userId);
    await recordInteraction(app.redis, app.keys, {
      userId: turn.userId,
      plan: planId,
      handledBy: turn.handledBy,
      intent: turn.intent,
      outcome: 'ok',
      latencyMs: turn.latencyMs,
      sessionId: turn.sessionId,
      at: new Date(),
    });
  } catch (error) {
    app.log.warn({ err: error }, 'could not record an interaction');
  }
}
