import type { RedisClient } from '@hark/core';
import type { EntitlementsServiceKeys } from '../entitlements-service-keys.js';

/**
 * Which Stripe customer belongs to which user, both ways: user -> customer to reuse one customer
 * per user, customer -> user because webhooks name only the customer. Rebuilt by a resync from
 * the userId Hark puts in customer and subscription metadata.
 */
export class CustomerDirectory {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: EntitlementsServiceKeys,
  ) {}

  customerOf(userId: string): Promise<string | null> {
    return this.redis.get(this.keys.stripeCustomerOf(userId));
  }

  userOf(customerId: string): Promise<string | null> {
    return this.redis.hget(this.keys.stripeCustomers(), customerId);
  }

  /**
   * Records that `customerId` is `userId`'s customer. The first customer recorded for a user
   * stays theirs (returned), so two racing checkouts end up using one customer.
   */
  async link(userId: string, customerId: string): Promise<string> {
    const claimed = await this.redis.set(this.keys.stripeCustomerOf(userId), customerId, 'NX');
    await this.redis.hset(this.keys.stripeCustomers(), customerId, userId);
    if (claimed === 'OK') return customerId;
    return (await this.customerOf(userId)) ?? customerId;
  }

  /** Every customer -> user pair known, for a resync. */
  async all(): Promise<Map<string, string>> {
    return new Map(Object.entries(await this.redis.hgetall(this.keys.stripeCustomers())));
  }
}
