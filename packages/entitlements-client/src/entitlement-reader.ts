import {
  computeEffectiveEntitlements,
  type EffectiveEntitlements,
  type EntitlementChange,
  type Plan,
} from '@hark/contracts';
import type { Clock } from '@hark/core';
import type { EntitlementSource } from './entitlement-source.js';
import { ExpiringCache } from './expiring-cache.js';

export interface EntitlementReaderOptions {
  source: EntitlementSource;
  clock: Clock;
  /** Safety net for a lost change message; the message itself drops entries at once. */
  cacheTtlMs: number;
  maxCachedUsers: number;
}

/**
 * Effective entitlements through an in-process cache: per user, plus the plans and kill
 * switches every user shares. The cache is used only while `caching` is on, which the client
 * ties to a live change subscription: without it, a change would go unseen for a whole TTL.
 */
export class EntitlementReader {
  private readonly users: ExpiringCache<string, EffectiveEntitlements>;
  private readonly plansCache: ExpiringCache<'plans', Map<string, Plan>>;
  private readonly switchesCache: ExpiringCache<'switches', Set<string>>;
  private caching = false;

  constructor(private readonly options: EntitlementReaderOptions) {
    const cacheOptions = { clock: options.clock, ttlMs: options.cacheTtlMs };
    this.users = new ExpiringCache({ ...cacheOptions, maxEntries: options.maxCachedUsers });
    this.plansCache = new ExpiringCache({ ...cacheOptions, maxEntries: 1 });
    this.switchesCache = new ExpiringCache({ ...cacheOptions, maxEntries: 1 });
  }

  /** Turns the cache on (subscription live) or off and empty (subscription lost or stopped). */
  setCaching(on: boolean): void {
    if (!on) this.dropAll();
    this.caching = on;
  }

  get cachedUsers(): number {
    return this.users.size;
  }

  entitlements(userId: string): EffectiveEntitlements | Promise<EffectiveEntitlements> {
    if (!this.caching) return this.loadEntitlements(userId);
    return this.users.get(
      userId,
      () => this.loadEntitlements(userId),
      (value) => (value.validUntil === null ? null : Date.parse(value.validUntil)),
    );
  }

  plans(): Promise<Map<string, Plan>> | Map<string, Plan> {
    if (!this.caching) return this.options.source.plans();
    return this.plansCache.get('plans', () => this.options.source.plans());
  }

  killSwitches(): Promise<Set<string>> | Set<string> {
    if (!this.caching) return this.options.source.killSwitches();
    return this.switchesCache.get('switches', () => this.options.source.killSwitches());
  }

  /** Drops what a change message makes stale. A plan or kill switch touches every user. */
  apply(change: EntitlementChange): void {
    switch (change.kind) {
      case 'user':
        this.users.delete(change.userId);
        return;
      case 'plan':
        this.plansCache.clear();
        this.users.clear();
        return;
      case 'kill-switch':
        this.switchesCache.clear();
        this.users.clear();
        return;
    }
  }

  dropAll(): void {
    this.users.clear();
    this.plansCache.clear();
    this.switchesCache.clear();
  }

  private async loadEntitlements(userId: string): Promise<EffectiveEntitlements> {
    const [projection, plans, switches] = await Promise.all([
      this.options.source.projection(userId),
      this.plans(),
      this.killSwitches(),
    ]);
    return computeEffectiveEntitlements(userId, projection, plans, switches, this.options.clock.now());
  }
}
