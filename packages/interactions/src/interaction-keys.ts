import type { KeySpace } from '@hark/core';

/**
 * The Redis keys of what users did: written by the router and the conversation service, read by
 * the entitlement service's insights and admin views.
 */
export function interactionKeys(space: KeySpace) {
  return {
    /** Stream (capped): one entry per answered turn, for insights (recordInteraction). */
    interactions: () => space.global('interactions'),
    /**
     * Hash with a TTL: promptTokens, completionTokens, costMicroUsd, turns of the LLM path in one UTC
     * day ("2026-11-26") or month ("2026-11"). The conversation service's UsageMeter writes it.
     */
    llmUsage: (userId: string, period: string) => space.user(userId, `llm-usage:${period}`),
  };
}

export type InteractionKeys = ReturnType<typeof interactionKeys>;
