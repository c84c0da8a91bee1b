import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Every environment variable Hark's services read, parsed once at start-up (fail fast).
 * docs/CONFIGURATION.md is generated from this schema and its `.describe()` texts
 * (`npm run docs:config`), and tests check it and docker-compose.yml against the schema.
 */

/** The shortest operator secret production accepts: long enough that guessing it is hopeless. */
export const PRODUCTION_SECRET_MIN = 32;

/**
 * Outside production, a service given no INTERNAL_TOKEN makes up one per process (never a constant:
 * anyone who could reach an inner service would know it). `npm start` shares one random secret with
 * all three services; a service started alone cannot call, or be called by, the others.
 */
const processInternalToken = randomBytes(32).toString('base64url');
/** The constant development token of earlier versions: public, so refused in production. */
const PUBLISHED_DEV_INTERNAL_TOKEN = 'dev-internal-token';

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

const modelPrice = z.strictObject({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  /** Input tokens served from the provider's prompt cache; the input price when absent. */
  cachedInput: z.number().nonnegative().optional(),
});
const priceTableShape = z.record(z.string().min(1), modelPrice);

/** JSON: model -> USD per 1M input, output and cached input tokens, e.g. {"gpt-4o-mini": {"input": 0.15, "output": 0.6, "cachedInput": 0.075}}. */
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
    NODE_ENV: z
      .enum(['development', 'test', 'production'])
      .default('development')
      .describe(
        '`development`, `test` or `production`; production seeds nothing and requires `ADMIN_TOKEN` and `INTERNAL_TOKEN`',
      ),
    HOST: z.string().min(1).default('127.0.0.1').describe('address to listen on (`0.0.0.0` in containers)'),
    PORT: z.coerce
      .number()
      .int()
      .min(0)
      .max(65535)
      .default(3000)
      .describe(
        'port to listen on; without it each service takes its own (router 3000, conversation 3001, entitlements 3002)',
      ),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info')
      .describe('pino level: `fatal` … `trace`, or `silent`'),
    LOG_PRETTY: booleanFlag
      .optional()
      .describe('human-readable logs instead of JSON lines (`npm start` sets it to `true`)'),
    // One of the two: REDIS_URL for one Redis server, REDIS_CLUSTER_NODES for a Redis Cluster (it wins).
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional()
      .describe(
        '`redis://` or `rediss://` URL of one Redis server; required when running a service directly, unless `REDIS_CLUSTER_NODES` is set (`npm start` and `npm test` find or start one)',
      ),
    REDIS_CLUSTER_NODES: clusterNodeList.describe(
      "comma-separated `host:port` seed nodes of a Redis Cluster (`10.0.0.1:7000,10.0.0.2:7000`); when set, every service (and its queue and pub/sub connections) uses ioredis' Cluster client and `REDIS_URL` is ignored; nodes that need a password or TLS are not supported yet (docs/OPERATIONS.md#redis-cluster)",
    ),
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_-]*$/, 'letters, digits, ":", "_" and "-" only')
      .default('hark:')
      .describe('prefix of every Redis key, so deployments (and tests) can share one Redis'),
    ADMIN_TOKEN: z
      .string()
      .min(8, 'must be at least 8 characters')
      .optional()
      .describe(
        'bootstrap operator token for `/admin`: the built-in owner operator, who creates the named operator tokens (docs/RELIABILITY.md#who-may-call-what); at least 8 characters; required in production, at least 32 characters there, and not the demo value `demo-admin`',
      ),
    DEMO_API_KEY: z
      .string()
      .min(8, 'must be at least 8 characters')
      .default('demo-key')
      .describe('API key of the seeded `demo` user (development only)'),
    SEED_DEMO: booleanFlag.optional().describe('seed the demo user; refused in production'),
    RATE_LIMIT_MAX: z.coerce
      .number()
      .int()
      .positive()
      .default(120)
      .describe(
        'requests per API key per window (shared by all instances through Redis; counted in the same script that checks the key); one budget per key at the router and the entitlement service alike, a request the router proxies counted once. Every `/v1` answer carries `x-ratelimit-limit`, `x-ratelimit-remaining` and `x-ratelimit-reset` (seconds); past the budget: 429 `HARK_ERR_RATE_LIMITED` with `Retry-After`',
      ),
    RATE_LIMIT_WINDOW_MS: z.coerce.number().int().positive().default(60_000).describe('rate-limit window'),
    AUTH_FAILURE_LIMIT: z.coerce
      .number()
      .int()
      .positive()
      .default(20)
      .describe(
        "failed authentications (unknown API keys, wrong operator tokens) allowed per client address, and per credential, in `AUTH_FAILURE_WINDOW_MS`; counted in Redis, shared by all instances. At the limit: 429 `HARK_ERR_AUTH_THROTTLED` with `Retry-After`, and the address is refused even with a correct credential until the window ends (behind a load balancer, set `TRUST_PROXY` so the address is the client's)",
      ),
    API_KEYS_PER_USER_MAX: z.coerce
      .number()
      .int()
      .positive()
      .default(10)
      .describe(
        'API keys one user may hold; issuing one more answers 409 `HARK_ERR_TOO_MANY_KEYS` (revoke one first)',
      ),
    AUTH_FAILURE_WINDOW_MS: z.coerce
      .number()
      .int()
      .positive()
      .default(300_000)
      .describe(
        'window of `AUTH_FAILURE_LIMIT`; it starts at the first failure and is not extended by later ones',
      ),
    SESSION_TTL_SECONDS: z.coerce
      .number()
      .int()
      .positive()
      .default(300)
      .describe('idle time after which a conversation session is forgotten'),
    AUTH_CACHE_TTL_MS: z.coerce
      .number()
      .int()
      .min(0)
      .default(5_000)
      .describe(
        'how long an instance caches the user behind an API key; the key itself is checked in Redis on every request, so a revoked key is refused at once by every instance',
      ),
    TRUST_PROXY: booleanFlag.default(false).describe('trust `X-Forwarded-*` from a load balancer'),
    // A client that opens a request and then sends nothing holds a socket and the body so far until
    // these deadlines close it (Fastify's own default is no deadline at all).
    REQUEST_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(500)
      .max(600_000)
      .default(30_000)
      .describe(
        'deadline for a whole request, headers and body, to arrive (every service); past it the connection gets 408 `HARK_ERR_REQUEST_TIMEOUT` and is closed, whatever it held. Only receiving counts: a slow answer or an open event stream is not cut. Bounds a 10 MB `/v1/converse/audio` upload to about 2.7 Mbit/s',
      ),
    REQUEST_HEADERS_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(500)
      .max(600_000)
      .default(10_000)
      .describe(
        "deadline for a request's headers to arrive (every service), at most `REQUEST_TIMEOUT_MS` (the smaller wins); past it: 408 and the connection is closed",
      ),
    TIMERS_MAX_ACTIVE: z.coerce
      .number()
      .int()
      .positive()
      .default(20)
      .describe(
        "running or paused timers a user may have at once, used only while no plan is defined in Redis; the plan's `timers.max_active` wins (free 10, premium 50)",
      ),
    ALARMS_MAX_ACTIVE: z.coerce
      .number()
      .int()
      .positive()
      .default(50)
      .describe("alarms a user may have set at once, unless the user's plan sets `alarms.max_active`"),
    REMINDERS_MAX_ACTIVE: z.coerce
      .number()
      .int()
      .positive()
      .default(100)
      .describe(
        "pending reminders a user may have at once, unless the user's plan sets `reminders.max_active`",
      ),
    WEATHER_API_URL: z
      .url({ protocol: /^https?$/ })
      .default('https://api.open-meteo.com')
      .describe(
        'base URL of the Open-Meteo forecast API (`/v1/forecast`); tests point it at a local stand-in',
      ),
    GEOCODING_API_URL: z
      .url({ protocol: /^https?$/ })
      .default('https://geocoding-api.open-meteo.com')
      .describe('base URL of the Open-Meteo geocoding API (`/v1/search`)'),
    SSE_HEARTBEAT_MS: z.coerce
      .number()
      .int()
      .min(1_000)
      .default(15_000)
      .describe('interval of heartbeat comments on `/v1/events`, so proxies keep the stream open'),
    // Device events each user keeps for replay on /v1/events (approximate: Redis trims whole blocks).
    EVENTS_KEPT_PER_USER: z.coerce
      .number()
      .int()
      .min(100)
      .max(1_000_000)
      .default(1_000)
      .describe(
        'device events each user keeps for replay with `Last-Event-ID` (about: Redis trims whole blocks); older ones give `events.missed`',
      ),
    // Open /v1/events streams one user may hold on one router instance; one more closes their oldest.
    EVENT_STREAMS_PER_USER: z.coerce
      .number()
      .int()
      .min(1)
      .max(1_000)
      .default(10)
      .describe(
        "`/v1/events` streams one user may hold open at once on one router instance; one more closes the user's oldest there (`events.closed`)",
      ),
    // A router that dies while firing due work leaves it claimed; another takes it over after this lease.
    SCHEDULER_LEASE_MS: z.coerce
      .number()
      .int()
      .min(1_000)
      .default(30_000)
      .describe(
        'how long a router may hold due timers, alarms and reminders it claimed; if it dies while firing them, another router fires them once this lease runs out (docs/RELIABILITY.md)',
      ),
    // Internal calls between services (router -> conversation) carry this shared secret.
    INTERNAL_TOKEN: z
      .string()
      .min(16, 'must be at least 16 characters')
      .optional()
      .describe(
        "shared secret of calls between Hark's services (header `x-hark-internal-token` router -> conversation; it also signs the router's short-lived premium grants and its counted-request stamps to the entitlement service); at least 16 characters, required in production; unset outside production, each process makes up a random one (`npm start` gives all three services the same)",
      ),
    CONVERSATION_URL: z
      .url({ protocol: /^https?$/ })
      .default('http://127.0.0.1:3001')
      .describe('where the router finds the conversation service (the premium path)'),
    // The premium conversation path (services/conversation): any OpenAI-compatible Chat Completions API.
    LLM_BASE_URL: z
      .url({ protocol: /^https?$/ })
      .default('https://api.openai.com/v1')
      .describe(
        'any OpenAI-compatible Chat Completions API: OpenAI, or a local Ollama (`http://127.0.0.1:11434/v1`), vLLM or llama.cpp server',
      ),
    LLM_API_KEY: z
      .string()
      .min(1)
      .optional()
      .describe(
        'API key sent as a bearer token; OpenAI needs one, local servers take anything (leave it unset); give it to the conversation service only',
      ),
    LLM_MODEL: z
      .string()
      .min(1)
      .default('gpt-4o-mini')
      .describe('model of the premium path (`llama3.1:8b` on Ollama); it must support tool calls'),
    LLM_FALLBACK_MODELS: commaList.describe(
      'comma-separated models tried in order when the previous one is rate-limited (429), failing (5xx, connection), unknown (404) or too slow, as long as nothing was streamed yet',
    ),
    LLM_FIRST_TOKEN_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .positive()
      .default(5_000)
      .describe(
        'a model that sends nothing for this long is given up (the next fallback is tried): `HARK_ERR_LLM_TIMEOUT`',
      ),
    LLM_TOTAL_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .positive()
      .default(30_000)
      .describe('longest a whole turn may take, tool rounds included'),
    LLM_MAX_RETRIES: z.coerce
      .number()
      .int()
      .min(0)
      .max(5)
      .default(1)
      .describe(
        "the openai SDK's own retries of one model (429, 5xx, connection errors; it honours `Retry-After`) before the next fallback; the first-token timeout bounds the wait",
      ),
    LLM_MAX_OUTPUT_TOKENS: z.coerce
      .number()
      .int()
      .positive()
      .default(400)
      .describe(
        '`max_tokens` per model call: spoken answers are short, and this caps the cost of a runaway answer',
      ),
    LLM_MAX_TOOL_ROUNDS: z.coerce
      .number()
      .int()
      .min(0)
      .max(10)
      .default(4)
      .describe('rounds in which the model may call skills as tools; after them it must answer in words'),
    LLM_BREAKER_FAILURES: z.coerce
      .number()
      .int()
      .positive()
      .default(5)
      .describe(
        'consecutive upstream failures of one model that open its circuit: it is skipped (no call at all) until the cooldown ends',
      ),
    LLM_BREAKER_COOLDOWN_MS: z.coerce
      .number()
      .int()
      .positive()
      .default(30_000)
      .describe(
        'how long an open circuit stays open before one probe call may close it; with every model open turns fail at once with `HARK_ERR_LLM_CIRCUIT_OPEN`',
      ),
    LLM_PRICES: llmPriceTable.describe(
      'JSON price table, USD per 1M tokens: `{"gpt-4o-mini": {"input": 0.15, "output": 0.6, "cachedInput": 0.075}}` (`cachedInput`: prompt tokens the provider served from its prompt cache; the input price when absent); merged over the built-in one (gpt-4o-mini, gpt-4o, gpt-4.1, -mini, -nano); unknown models cost 0',
    ),
    LLM_TOOL_SELECTION: z
      .enum(['relevant', 'all'])
      .default('relevant')
      .describe(
        "`relevant`: each turn offers the model the skill families its words, the recogniser and the session's recent tool calls point to, plus a tiny `more_tools` tool for the rest; `all`: every tool on every call (about four times the input tokens)",
      ),
    LLM_PROMPT_CACHE_KEY: booleanFlag
      .default(true)
      .describe(
        'send `prompt_cache_key` (a hash of the fixed instructions) so OpenAI routes turns to the same prompt cache; turn off for an OpenAI-compatible server that refuses unknown fields',
      ),
    LLM_MEMORY_MAX_TOKENS: z.coerce
      .number()
      .int()
      .min(100)
      .default(2_000)
      .describe(
        "token budget of the conversation remembered per session, counted with the model's tokenizer (gpt-4o/4.1: o200k_base; gpt-4/3.5: cl100k_base; other models: characters / 4); the oldest whole turns are dropped beyond it",
      ),
    LLM_BUDGET_STEP_DOWN_SHARE: z.coerce
      .number()
      .min(0)
      .max(1)
      .default(0.8)
      .describe(
        "margin guard: once a user's LLM cost this UTC month reaches this share of the plan's `conversation.llm_budget_micro_usd`, turns use the cheapest of `LLM_MODEL` and `LLM_FALLBACK_MODELS` (by `LLM_PRICES`); at the budget conversation pauses until the next month",
      ),
    LLM_MEMORY_TTL_SECONDS: z.coerce
      .number()
      .int()
      .positive()
      .default(3_600)
      .describe("idle time after which a session's conversation memory is forgotten"),
    // Server-side speech (premium): OpenAI-compatible transcription and speech APIs; unset base URLs use LLM_BASE_URL.
    STT_BASE_URL: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe(
        'OpenAI-compatible transcription API (`/audio/transcriptions`) of `POST /v1/converse/audio`: OpenAI, or a local Whisper server; unset: `LLM_BASE_URL`',
      ),
    STT_MODEL: z.string().min(1).default('whisper-1').describe('transcription model'),
    TTS_BASE_URL: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe(
        'OpenAI-compatible speech API (`/audio/speech`) behind `reply.audioUrl`; unset: `LLM_BASE_URL`',
      ),
    TTS_MODEL: z.string().min(1).default('tts-1').describe('speech synthesis model'),
    TTS_VOICE: z.string().min(1).default('alloy').describe('voice of spoken replies'),
    SPEECH_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .positive()
      .default(15_000)
      .describe(
        "bound on one transcription or synthesis call (the SDK's minutes-long default is no use on a voice path)",
      ),
    ENTITLEMENTS_URL: z
      .url({ protocol: /^https?$/ })
      .default('http://127.0.0.1:3002')
      .describe(
        'base URL of the entitlement service; the router proxies `/v1/me`, `/v1/billing/*`, the entitlement `/admin` routes and `/webhooks/stripe` to it (503 `HARK_ERR_UPSTREAM_UNAVAILABLE` when it is down)',
      ),
    ENTITLEMENTS_CACHE_TTL_MS: z.coerce
      .number()
      .int()
      .min(0)
      .default(30_000)
      .describe(
        "longest an instance keeps a user's entitlements, the plans and kill switches in memory; a change message drops them at once, this is the safety net if one is lost",
      ),
    // How often services/entitlements folds new interaction events into the insights rollups (0 = only on request).
    INSIGHTS_FOLD_INTERVAL_MS: z.coerce
      .number()
      .int()
      .min(0)
      .default(5_000)
      .describe(
        'how often the entitlement service folds new interaction events into the insights rollups (one instance at a time); `0` folds only when `/admin/insights` is asked',
      ),
    // Billing (services/entitlements). Without STRIPE_SECRET_KEY checkout and portal answer 503 and
    // operator grants still work.
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_\w+$/, 'must be a Stripe secret or restricted key (sk_… or rk_…)')
      .optional()
      .describe(
        'Stripe secret key (`sk_test_…`, `sk_live_…` or restricted `rk_…`); unset, billing is off: checkout, portal, webhooks and resync answer 503 `HARK_ERR_BILLING_UNAVAILABLE` and grants still work. Set together with `STRIPE_WEBHOOK_SECRET`',
      ),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_\w+$/, 'must be a webhook signing secret (whsec_…)')
      .optional()
      .describe(
        'signing secret of the webhook endpoint (`whsec_…`, from the Dashboard or `stripe listen`); set together with `STRIPE_SECRET_KEY`',
      ),
    STRIPE_API_BASE: z
      .url({ protocol: /^https?$/ })
      .default('https://api.stripe.com')
      .describe(
        "Stripe API base URL, split into stripe-node's host, port and protocol: point it at stripe-mock or the test stand-in",
      ),
    STRIPE_PAST_DUE_GRACE_DAYS: z.coerce
      .number()
      .int()
      .min(0)
      .max(60)
      .default(3)
      .describe('days a `past_due` subscription keeps its plan after the first failed payment (0-60)'),
    // How soon another worker takes over the Stripe event jobs (and customer locks) of a crashed one.
    STRIPE_WORKER_LEASE_MS: z.coerce
      .number()
      .int()
      .min(1_000)
      .default(30_000)
      .describe(
        'how long a Stripe event job and its customer lock stay with an entitlement worker that stopped renewing them (it crashed); another instance then runs the job again, so nothing is lost (docs/RELIABILITY.md)',
      ),
    STRIPE_PRICE_PREMIUM: z
      .string()
      .regex(/^price_\w+$/, 'must be a Stripe price id (price_…)')
      .optional()
      .describe(
        'Stripe price id (`price_…`) of the `premium` plan, written into the seed on first start; later, change it with `PATCH /admin/plans/premium`',
      ),
    PUBLIC_BASE_URL: z
      .url({ protocol: /^https?$/ })
      .default('http://127.0.0.1:3000')
      .describe(
        "public URL of the router, for Stripe Checkout's success/cancel and the portal's return links; an `https://` URL also turns on HSTS (`Strict-Transport-Security`) and `upgrade-insecure-requests`, so set it to the TLS address when a proxy terminates TLS in front of Hark",
      ),
    // Browser pages on these origins may call the API (CORS); none by default: same origin only.
    CORS_ORIGINS: originList.describe(
      'comma-separated browser origins (`https://app.example.com`: scheme, host, port; no path, no `*`) whose pages may call the API; they get CORS answers, preflights included, and no cookies are ever allowed (credentials are bearer tokens); unset: same origin only',
    ),
    // Prometheus scrapes /metrics either on a port of its own or with a bearer token (docs/OPERATIONS.md).
    METRICS_TOKEN: z
      .string()
      .min(16, 'must be at least 16 characters')
      .optional()
      .describe(
        'bearer token `/metrics` requires wherever it is served (Prometheus `authorization: {credentials: …}` or `bearer_token`); at least 16 characters. In production `/metrics` on the service port answers only with it (else 404); outside production, unset, it is open',
      ),
    METRICS_PORT: z.coerce
      .number()
      .int()
      .min(0)
      .max(65535)
      .optional()
      .describe(
        'serve `/metrics` only on this port, on a listener of its own at `HOST` (nothing else is served there), and no longer on the service port; keep it off the public network (Kubernetes scrapes it through the pod annotations); with `METRICS_TOKEN` it requires the token too',
      ),
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
    if (production && env.ADMIN_TOKEN && env.ADMIN_TOKEN.length < PRODUCTION_SECRET_MIN) {
      ctx.addIssue({
        code: 'custom',
        path: ['ADMIN_TOKEN'],
        message: `must be at least ${PRODUCTION_SECRET_MIN} characters when NODE_ENV=production`,
      });
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
    if (production && env.INTERNAL_TOKEN === PUBLISHED_DEV_INTERNAL_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['INTERNAL_TOKEN'],
        message: 'the published development token is refused in production',
      });
    }
    if (production && env.SEED_DEMO === true) {
      ctx.addIssue({ code: 'custom', path: ['SEED_DEMO'], message: 'demo seeding is refused in production' });
    }
    return {
      ...env,
      ADMIN_TOKEN: env.ADMIN_TOKEN ?? 'demo-admin',
      SEED_DEMO: production ? false : (env.SEED_DEMO ?? true),
      INTERNAL_TOKEN: env.INTERNAL_TOKEN ?? processInternalToken,
      /** True when INTERNAL_TOKEN was not given and this process made one up (runService says so). */
      INTERNAL_TOKEN_GENERATED: env.INTERNAL_TOKEN === undefined,
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
