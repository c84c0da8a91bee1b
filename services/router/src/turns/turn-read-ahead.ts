import type { Profile } from '@hark/contracts';
import type { FastifyRequest } from 'fastify';
import type { TurnDependencies } from './converse-turn.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route runs a conversation turn: its user's profile and entitlements are read with the key lookup. */
    readsTurnState?: boolean;
  }
  interface FastifyRequest {
    /** The turn's first reads, started by the auth hook (see `readTurnStateAhead`). */
    turnReadAhead: TurnReadAhead | null;
  }
}

/** A turn's first reads, started for the user the request's key most likely belongs to. */
export interface TurnReadAhead {
  userId: string;
  profile: Promise<Profile>;
}

/**
 * The auth plugin's `readAhead` for the router: on a route that runs a turn, the profile and
 * entitlements of the key's likely owner are asked for in the same Redis round trip as the key
 * lookup instead of one round trip after it. The turn uses them only for that same user.
 */
export function readTurnStateAhead(turns: Pick<TurnDependencies, 'profiles' | 'entitlements'>) {
  return (request: FastifyRequest, userId: string): void => {
    if (!request.routeOptions.config.readsTurnState) return;
    const profile = turns.profiles.get(userId);
    profile.catch(() => {}); // awaited by the turn if it is this user's; a failure then answers there
    turns.entitlements.entitlements(userId).catch(() => {}); // fills the cache the turn reads
    request.turnReadAhead = { userId, profile };
  };
}

/** The profile read ahead for `userId`, if one was read for exactly that user. */
export const profileReadAheadFor = (request: FastifyRequest, userId: string): Promise<Profile> | undefined =>
  request.turnReadAhead?.userId === userId ? request.turnReadAhead.profile : undefined;
