import type { KeySpace } from '@hark/core';

/** The Redis keys only the conversation service uses (its LLM usage counters are @hark/interactions'). */
export function conversationKeys(space: KeySpace) {
  return {
    /** List with a TTL: a premium conversation's turns (one JSON array of messages each), oldest first. */
    conversation: (userId: string, sessionId: string) => space.user(userId, `conversation:${sessionId}`),
    /** String with a TTL (the grant's remaining life): a premium grant already used, so it is not used twice. */
    usedGrant: (userId: string, grantId: string) => space.user(userId, `used-grant:${grantId}`),
    /** String (binary, audio/mpeg) with a TTL: synthesised speech by sha256(model|voice|text). */
    speechAudio: (sha256Hex: string) => space.global(`speech-audio:${sha256Hex}`),
  };
}

export type ConversationKeys = ReturnType<typeof conversationKeys>;
