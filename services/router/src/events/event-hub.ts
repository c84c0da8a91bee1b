import type { RedisClient } from '@hark/core';
import type { SchedulingKeys } from '@hark/scheduling';

type Listener = () => void;

/**
 * Tells SSE streams of this instance that their user has new events. One pub/sub
 * connection per instance, subscribed to a user's channel only while some stream of that
 * user is open here; the streams then read the events themselves from the user's Redis Stream.
 */
export class EventHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    private readonly subscriber: RedisClient,
    private readonly keys: SchedulingKeys,
  ) {
    subscriber.on('message', (channel: string) => {
      for (const listener of this.listeners.get(channel) ?? []) listener();
    });
  }

  /** Calls `listener` whenever the user gets an event; returns the unsubscribe function. */
  async listen(userId: string, listener: Listener): Promise<() => Promise<void>> {
    const channel = this.keys.eventsChannel(userId);
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      await this.subscriber.subscribe(channel);
    }
    set.add(listener);
    return async () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(channel) === set) {
        this.listeners.delete(channel);
        await this.subscriber.unsubscribe(channel).catch(() => undefined);
      }
    };
  }

  get openChannels(): number {
    return this.listeners.size;
  }
}
