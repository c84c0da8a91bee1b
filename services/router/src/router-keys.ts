import type { KeySpace } from '@hark/core';

/** The Redis keys only the router uses (device events are @hark/scheduling's, users @hark/users'). */
export function routerKeys(space: KeySpace) {
  return {
    /** String (JSON) with a TTL: a conversation session's context (SessionStore). */
    session: (userId: string, sessionId: string) => space.user(userId, `session:${sessionId}`),
    /** String (JSON {text, voice}) with a TTL: what GET /v1/speech/:id speaks for this user (SpeechLinks). */
    speechLink: (userId: string, id: string) => space.user(userId, `speech:${id}`),
  };
}

export type RouterKeys = ReturnType<typeof routerKeys>;
