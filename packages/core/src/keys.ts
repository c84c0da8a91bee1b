/**
 * The one key builder: every Redis key Hark touches is built here.
 * Per-user keys carry a `{userId}` hash tag so that all of a user's keys land on one
 * Redis Cluster slot (multi-key commands and Lua scripts stay legal there).
 * The prefix lets several deployments, or several tests, share one Redis safely.
 */
export type ScheduledKind = 'timer' | 'alarm' | 'reminder';

export function createKeys(prefix: string) {
  const user = (userId: string) => `${prefix}{${userId}}`;
  const apiKeyByHash = (sha256Hex: string) => `${prefix}apikey:${sha256Hex}`;
  return {
    prefix,
    /** Hash: id, name, timezone, createdAt. Owner: core/users. */
    user: (userId: string) => `${user(userId)}:user`,
    /** Set of the user's API key ids. Owner: core/users. */
    userApiKeys: (userId: string) => `${user(userId)}:apikeys`,
    /** String: SHA-256 hex of a key -> "keyId userId" (keys made before 2026-11-27: the key id alone). Global lookup, so no user tag. Owner: core/users. */
    apiKeyByHash,
    /** Hash: userId, hash, createdAt, hint. Owner: core/users. */
    apiKey: (keyId: string) => `${prefix}key:${keyId}`,
    /** String (JSON) with a TTL: a conversation session's context. Owner: router/sessions. */
    session: (userId: string, sessionId: string) => `${user(userId)}:session:${sessionId}`,
    /**
     * String (integer) with a TTL: an API key's requests in the current rate-limit window. Its hash
     * tag is the whole key lookup key (which has no braces: the prefix may not hold any), so the
     * two share a Cluster slot and one script reads the key and counts. Owner: core/users.
     */
    requestCount: (sha256Hex: string) => `${prefix}ratelimit:{${apiKeyByHash(sha256Hex)}}`,
    /** Hash: location (JSON), units, locale; timezone stays on the user hash. Owner: core/profiles. */
    profile: (userId: string) => `${user(userId)}:profile`,

    /** String (JSON): one timer, alarm or reminder. Owner: skills/scheduled-items. */
    item: (userId: string, kind: ScheduledKind, itemId: string) => `${user(userId)}:${kind}:${itemId}`,
    /** Sorted set of a user's item ids of one kind, scored by creation time. Owner: skills/scheduled-items. */
    itemIndex: (userId: string, kind: ScheduledKind) => `${user(userId)}:${kind}s`,
    /** Stream of the user's device events (capped). Owner: router/events. */
    events: (userId: string) => `${user(userId)}:events`,
    /** Pub/sub channel announcing new events of one user. Owner: router/events. */
    eventsChannel: (userId: string) => `${user(userId)}:events:new`,
    /**
     * Sorted sets of due work, scored by due time in ms, and of claimed work, scored by lease
     * expiry. One `{schedule}` tag puts both on one Cluster slot for the claim script. Owner: core/scheduler.
     */
    scheduleDue: () => `${prefix}{schedule}:due`,
    scheduleClaimed: () => `${prefix}{schedule}:claimed`,
    /** Pub/sub channel: the earliest due time may have moved. Owner: core/scheduler. */
    scheduleChannel: () => `${prefix}{schedule}:changed`,

    /** Hash: a user's named lists -> item JSON. Owner: skills/lists. */
    list: (userId: string, listName: string) => `${user(userId)}:list:${listName}`,
    /** Set of the user's list names. Owner: skills/lists. */
    listIndex: (userId: string) => `${user(userId)}:lists`,
    /** Hash: plan id -> plan JSON (features, limits, price). Owner: services/entitlements. */
    plans: () => `${prefix}entitlements:plans`,
    /** Hash: feature -> "off" for features switched off for everyone. Owner: services/entitlements. */
    killSwitches: () => `${prefix}entitlements:kill-switches`,
    /** Pub/sub channel: an entitlement projection, a plan or a kill switch changed. Owner: services/entitlements. */
    entitlementsChannel: () => `${prefix}entitlements:changed`,
    /** String (JSON): the user's entitlement projection (plan id, source, subscription). Owner: services/entitlements. */
    entitlement: (userId: string) => `${user(userId)}:entitlement`,
    /** String (integer) with a TTL: a quota's usage in one period, e.g. turns on 2026-11-26. Owner: entitlements-client. */
    usage: (userId: string, quota: string, period: string) => `${user(userId)}:usage:${quota}:${period}`,
    /** Stream, append-only (never trimmed): operator changes with who, what, before, after. Owner: services/entitlements. */
    entitlementsAudit: () => `${prefix}entitlements:audit`,
    /** Hash: Stripe customer id -> user id. Global lookup (webhooks name the customer). Owner: services/entitlements. */
    stripeCustomers: () => `${prefix}entitlements:stripe-customers`,
    /** String: the user's Stripe customer id, created once and reused. Owner: services/entitlements. */
    stripeCustomerOf: (userId: string) => `${user(userId)}:stripe-customer`,
    /** String with a TTL beyond Stripe's 3-day retry window: this event id was applied. Owner: services/entitlements. */
    stripeEvent: (eventId: string) => `${prefix}entitlements:stripe-event:${eventId}`,
    /** String with a TTL: serialises syncing one Stripe customer across workers and instances. Owner: services/entitlements. */
    stripeCustomerLock: (customerId: string) => `${prefix}entitlements:stripe-lock:${customerId}`,
    /** String with a TTL: one `POST /admin/stripe/resync` at a time. Owner: services/entitlements. */
    stripeResyncLock: () => `${prefix}entitlements:stripe-resync-lock`,
    /** BullMQ prefix of the Stripe event queue; `{stripe-queue}` keeps its keys on one Cluster slot. Owner: services/entitlements. */
    stripeQueuePrefix: () => `${prefix}entitlements:{stripe-queue}`,
    /** List with a TTL: a premium conversation's turns (one JSON array of messages each), oldest first. Owner: services/conversation. */
    conversation: (userId: string, sessionId: string) => `${user(userId)}:conversation:${sessionId}`,
    /**
     * Hash with a TTL: promptTokens, completionTokens, costMicroUsd, turns of the LLM path in one UTC day
     * ("2026-11-26") or month ("2026-11"). Owner: services/conversation.
     */
    llmUsage: (userId: string, period: string) => `${user(userId)}:llm-usage:${period}`,
    /** Stream (capped): one entry per answered turn, for insights. Owner: core/interactions (router and conversation write). */
    interactions: () => `${prefix}interactions`,
    // Insights rollups of the interaction stream: one `{insights}` tag puts them all on one Cluster
    // slot, so a fold commits every rollup and the cursor in one script, and PFCOUNT spans days.
    /** Hash: cursor (last folded stream id), eventsFolded, lastEventAtMs, foldedAtMs. Owner: entitlements/insights. */
    insightsState: () => `${prefix}{insights}:state`,
    /** String with a TTL: the folder holding it (one fold at a time across instances). Owner: entitlements/insights. */
    insightsFoldLock: () => `${prefix}{insights}:fold-lock`,
    /** Hash with a TTL: counters of one UTC day ("n|tier|intent", "costMicroUsd|tier", …). Owner: entitlements/insights. */
    insightsDay: (day: string) => `${prefix}{insights}:day:${day}`,
    /** Hash with a TTL: counters of one UTC month ("n|tier", "costMicroUsd|tier", …). Owner: entitlements/insights. */
    insightsMonth: (month: string) => `${prefix}{insights}:month:${month}`,
    /** HyperLogLog with a TTL: distinct users of a day or month, per tier and intent ("*" = all). Owner: entitlements/insights. */
    insightsUsers: (period: string, tier: string, intent: string) =>
      `${prefix}{insights}:users:${period}:${tier}:${intent}`,
    /** Sorted set with a TTL: user id -> LLM cost (micro-USD) in one month on one tier. Owner: entitlements/insights. */
    insightsLlmCost: (month: string, tier: string) => `${prefix}{insights}:llm-cost:${month}:${tier}`,
    /** Hash with a TTL: "userId|turns|promptTokens|completionTokens" counters of one month and tier. Owner: entitlements/insights. */
    insightsLlmUsers: (month: string, tier: string) => `${prefix}{insights}:llm-users:${month}:${tier}`,
    /** Hash: user id -> "ms|YYYY-MM-DD" of the user's first upsell (premium gate hit). Owner: entitlements/insights. */
    insightsGateHits: () => `${prefix}{insights}:gate-hits`,
    /** Hash: user id -> "ms|planId|source" of the first move onto a priced plan. Owner: entitlements/insights. */
    insightsUpgrades: () => `${prefix}{insights}:upgrades`,
    /** Hash: "YYYY-MM-DD|hits", "|upgraded7", "|upgraded30", "|upgrades" -> users, by day. Owner: entitlements/insights. */
    insightsGateDays: () => `${prefix}{insights}:gate-days`,
    /** String (binary, audio/mpeg) with a TTL: synthesised speech by sha256(model|voice|text). Owner: services/conversation. */
    speechAudio: (sha256Hex: string) => `${prefix}speech-audio:${sha256Hex}`,
    /** String (JSON {text, voice}) with a TTL: what GET /v1/speech/:id speaks for this user. Owner: router/voice. */
    speechLink: (userId: string, id: string) => `${user(userId)}:speech:${id}`,
    /** String (JSON) with a TTL: cached upstream answers (weather, geocoding). Owner: skills/weather. */
    cache: (namespace: string, key: string) => `${prefix}cache:${namespace}:${key}`,
  };
}

export type Keys = ReturnType<typeof createKeys>;
