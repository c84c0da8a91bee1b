import { randomBytes } from 'node:crypto';
import type { RedisClient } from '@hark/core';
import { z } from 'zod';
import type { RouterKeys as Keys } from '../router-keys.js';

/** Long enough to listen to a reply, short enough that links to stale replies die on their own. */
const LINK_TTL_SECONDS = 3_600;

const linkSchema = z.object({ text: z.string(), voice: z.string().optional() });
export type SpeechLink = z.infer<typeof linkSchema>;

/**
 * The ids behind `reply.audioUrl`: an opaque, unguessable id per reply, stored under the user's own
 * key, so another user's id simply does not exist for the caller (404) and no text leaks in the URL.
 */
export class SpeechLinks {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async create(userId: string, link: SpeechLink): Promise<string> {
    const id = randomBytes(18).toString('base64url');
    await this.redis.set(this.keys.speechLink(userId, id), JSON.stringify(link), 'EX', LINK_TTL_SECONDS);
    return id;
  }

  async resolve(userId: string, id: string): Promise<SpeechLink | null> {
    const stored = await this.redis.get(this.keys.speechLink(userId, id));
    return stored ? linkSchema.parse(JSON.parse(stored)) : null;
  }
}
