import { type EntitlementChange, entitlementChangeSchema } from '@hark/contracts';
import type { RedisClient } from '@hark/core';

export interface ChangeFeedHandlers {
  /** A change message arrived; `null` when it did not parse (the caller should drop everything). */
  onChange(change: EntitlementChange | null): void;
  /** The subscription is down: messages published now are lost. */
  onLost(): void;
  /** The subscription is back (ioredis resubscribes by itself on reconnect). */
  onRestored(): void;
}

function parseChange(message: string): EntitlementChange | null {
  try {
    const parsed = entitlementChangeSchema.safeParse(JSON.parse(message));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Follows the entitlement change channel on a shared pub/sub connection (the scheduler and
 * the event hub use the same one, so only our channel is ours to handle and to unsubscribe).
 * Resolves once subscribed; the returned function unsubscribes and detaches the listeners.
 */
export async function followEntitlementChanges(
  subscriber: RedisClient,
  channel: string,
  handlers: ChangeFeedHandlers,
): Promise<() => Promise<void>> {
  const onMessage = (from: string, message: string) => {
    if (from === channel) handlers.onChange(parseChange(message));
  };
  const onClose = () => handlers.onLost();
  const onReady = () => handlers.onRestored();
  const detach = () => {
    subscriber.off('message', onMessage);
    subscriber.off('close', onClose);
    subscriber.off('ready', onReady);
  };
  subscriber.on('message', onMessage);
  try {
    await subscriber.subscribe(channel);
  } catch (error) {
    detach();
    throw error;
  }
  // Only now: a lazily connecting client's first "ready" is not a restore.
  subscriber.on('close', onClose);
  subscriber.on('ready', onReady);
  return async () => {
    detach();
    await subscriber.unsubscribe(channel).catch(() => undefined);
  };
}
