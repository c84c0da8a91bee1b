import { z } from 'zod';

/**
 * Every environment variable Hark's services read, parsed once at start-up (fail fast).
 * README.md's configuration table and docker-compose.yml are checked against this schema
 * by tests, so adding a variable here without documenting it fails the suite.
 */

/** The internal token outside production, so `npm start` works without setup. */
export const DEV_INTERNAL_TOKEN = 'dev-internal-token';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** "a, b,c" -> ["a", "b", "c"]; empty -> []. */
const commaList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

/** Seed nodes of a Redis Cluster: "host:port" ("[::1]:7000" for IPv6), comma-separated. */
const clusterNodeList = commaList.pipe(
  z.array(z.string().regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'each node must be host:port')),
);

const modelPrice = z.strictObject({ input: z.number().nonnegative(), output: z.number().nonnegative() });
const priceTableShape = z.record(z.string().min(1), modelPrice);

/** JSON: model -> USD per 1M input and output tokens, e.g. {"gpt-4o-mini": {"input": 0.15, "output": 0.6}}. */
const llmPriceTable = z
  .string()
  .default('{}')
  .transform((raw, ctx) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON: {"model": {"input": 0.15, "output": 0.6}}' });
      return z.NEVER;
    }
    const table = priceTableShape.safeParse(parsed);
    if (table.success) return table.data;
    ctx.addIssue({ code: 'custom', message: 'each model needs {"input": USD per 1M tokens, "output": …}' });
    return z.NEVER;
  });

export type LlmPriceTable = z.infer<typeof priceTableShape>;

/** Exact browser origins ("https://app.example.com"): scheme, host and optional port; no path, no "*". */
const originPattern = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;
const originList = commaList.refine((origins) => origins.every((origin) => originPattern.test(origin)), {
  message: 'comma-separated origins such as https://app.example.com (no path, no trailing slash, no *)',
});

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_PRETTY: booleanFlag.optional(),
    // One of the two: REDIS_URL for one Redis server, REDIS_CLUSTER_NODES for a Redis Cluster (it wins).
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
    REDIS_CLUSTER_NODES: clusterNodeList,
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_-]*$/, 'letters, digits, ":", "_" and "-" only')
      .default('hark:'),
    ADMIN_TOKEN: z.string().min(8, 'must be at least 8 characters').optional(),
    DEMO_API_KEY: z.string().min(8, 'must be at least 8 characters').default('demo-key'),
    SEED_DEMO: booleanFlag.optional(),
    RATE_LIMIT_MAX: z.coerce.number().int().positive().default(120),
    RATE_LIMIT_WINDOW_MS: z.coerce.number().int().positive().default(60_000),
    SESSION_TTL_SECONDS: z.coerce.number().int().positive().default(300),
    AUTH_CACHE_TTL_MS: z.coerce.number().int().min(0).default(5_000),
    TRUST_PROXY: booleanFlag.default(false),
    TIMERS_MAX_ACTIVE: z.coerce.number().int().positive().default(20),
    ALARMS_MAX_ACTIVE: z.coerce.number().int().positive().default(50),
    REMINDERS_MAX_ACTIVE: z.coerce.number().int().positive().default(100),
    WEATHER_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.open-meteo.com'),
    GEOCODING_API_URL: z.url({ protocol: /^https?$/ }).default('https://geocoding-api.open-meteo.com'),
    SSE_HEARTBEAT_MS: z.coerce.number().int().min(1_000).default(15_000),
    // Device events each user keeps for replay on /v1/events (approximate: Redis trims whole blocks).
    EVENTS_KEPT_PER_USER: z.coerce.number().int().min(100).max(1_000_000).default(1_000),
    // Open /v1/events streams one user may hold on one router instance; one more closes their oldest.
    EVENT_STREAMS_PER_USER: z.coerce.number().int().min(1).max(1_000).default(10),
    // A router that dies while firing due work leaves it claimed; another takes it over after this lease.
    SCHEDULER_LEASE_MS: z.coerce.number().int().min(1_000).default(30_000),
    // Internal calls between services (router -> conversation) carry this shared secret.
    INTERNAL_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    CONVERSATION_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3001'),
    // The premium conversation path (services/conversation): any OpenAI-compatible Chat Completions API.
    LLM_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.openai.com/v1'),
    LLM_API_KEY: z.string().min(1).optional(),
    LLM_MODEL: z.string().min(1).default('gpt-4o-mini'),
    LLM_FALLBACK_MODELS: commaList,
    LLM_FIRST_TOKEN_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
    LLM_TOTAL_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
    LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(1),
    LLM_MAX_OUTPUT_TOKENS: z.coerce.number().int().positive().default(400),
    LLM_MAX_TOOL_ROUNDS: z.coerce.number().int().min(0).max(10).default(4),
    LLM_BREAKER_FAILURES: z.coerce.number().int().positive().default(5),
    LLM_BREAKER_COOLDOWN_MS: z.coerce.number().int().positive().default(30_000),
    LLM_PRICES: llmPriceTable,
    LLM_MEMORY_MAX_TOKENS: z.coerce.number().int().min(100).default(2_000),
    LLM_MEMORY_TTL_SECONDS: z.coerce.number().int().positive().default(3_600),
    // Server-side speech (premium): OpenAI-compatible transcription and speech APIs; unset base URLs use LLM_BASE_URL.
    STT_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    STT_MODEL: z.string().min(1).default('whisper-1'),
    TTS_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    TTS_MODEL: z.string().min(1).default('tts-1'),
    TTS_VOICE: z.string().min(1).default('alloy'),
    SPEECH_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
    ENTITLEMENTS_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3002'),
    ENTITLEMENTS_CACHE_TTL_MS: z.coerce.number().int().min(0).default(30_000),
    // How often services/entitlements folds new interaction events into the insights rollups (0 = only on request).
    INSIGHTS_FOLD_INTERVAL_MS: z.coerce.number().int().min(0).default(5_000),
    // Billing (services/entitlements). Without STRIPE_SECRET_KEY checkout and portal answer 503 and
    // operator grants still work.
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_\w+$/, 'must be a Stripe secret or restricted key (sk_… or rk_…)')
      .optional(),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_\w+$/, 'must be a webhook signing secret (whsec_…)')
      .optional(),
    STRIPE_API_BASE: z.url({ protocol: /^https?$/ }).default('https://api.stripe.com'),
    STRIPE_PAST_DUE_GRACE_DAYS: z.coerce.number().int().min(0).max(60).default(3),
    // How soon another worker takes over the Stripe event jobs (and customer locks) of a crashed one.
    STRIPE_WORKER_LEASE_MS: z.coerce.number().int().min(1_000).default(30_000),
    STRIPE_PRICE_PREMIUM: z
      .string()
      .regex(/^price_\w+$/, 'must be a Stripe price id (price_…)')
      .optional(),
    PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3000'),
    // Browser pages on these origins may call the API (CORS); none by default: same origin only.
    CORS_ORIGINS: originList,
  })
  .transform((env, ctx) => {
    const production = env.NODE_ENV === 'production';
    if (!env.REDIS_URL && env.REDIS_CLUSTER_NODES.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['REDIS_URL'],
        message: 'required (or REDIS_CLUSTER_NODES, for a Redis Cluster)',
      });
    }
    if (production && !env.ADMIN_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['ADMIN_TOKEN'], message: 'required when NODE_ENV=production' });
    }
    if (production && env.ADMIN_TOKEN === 'demo-admin') {
      ctx.addIssue({
        code: 'custom',
        path: ['ADMIN_TOKEN'],
        message: 'the demo token is refused in production',
      });
    }
    // Half a Stripe setup fails silently in the worst way: a key without the webhook secret takes
    // payments whose events are never accepted; a secret without the key cannot re-fetch state.
    if (Boolean(env.STRIPE_SECRET_KEY) !== Boolean(env.STRIPE_WEBHOOK_SECRET)) {
      const missing = env.STRIPE_SECRET_KEY ? 'STRIPE_WEBHOOK_SECRET' : 'STRIPE_SECRET_KEY';
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: 'STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set together or not at all',
      });
    }
    if (production && !env.INTERNAL_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['INTERNAL_TOKEN'],
        message: 'required when NODE_ENV=production',
      });
    }
    if (production && env.INTERNAL_TOKEN === DEV_INTERNAL_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['INTERNAL_TOKEN'],
        message: 'the development token is refused in production',
      });
    }
    if (production && env.SEED_DEMO === true) {
      ctx.addIssue({ code: 'custom', path: ['SEED_DEMO'], message: 'demo seeding is refused in production' });
    }
    return {
      ...env,
      ADMIN_TOKEN: env.ADMIN_TOKEN ?? 'demo-admin',
      SEED_DEMO: production ? false : (env.SEED_DEMO ?? true),
      INTERNAL_TOKEN: env.INTERNAL_TOKEN ?? DEV_INTERNAL_TOKEN,
      LOG_PRETTY: env.LOG_PRETTY ?? false,
    };
  });

export type HarkConfig = z.output<typeof configSchema>;
export type HarkConfigInput = z.input<typeof configSchema>;

/** The variable names the schema knows, for documentation and compose checks. */
export const configVariableNames: readonly string[] = Object.keys(configSchema.in.shape);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError naming each bad variable (never its value). */
export function loadConfig(env: Record<string, string | undefined> = process.env): HarkConfig {
  const known = Object.fromEntries(
    configVariableNames.filter((name) => env[name] !== undefined && env[name] !== '').map((n) => [n, env[n]]),
  );
  const parsed = configSchema.safeParse(known);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.map((issue) => `${issue.path.join('.') || 'env'}: ${issue.message}`),
  );
}
