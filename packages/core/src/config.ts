import { z } from 'zod';

/**
 * Every environment variable Hark's services read, parsed once at start-up (fail fast).
 * README.md's configuration table and docker-compose.yml are checked against this schema
 * by tests, so adding a variable here without documenting it fails the suite.
 */

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_PRETTY: booleanFlag.optional(),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://'),
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
  })
  .transform((env, ctx) => {
    const production = env.NODE_ENV === 'production';
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
    if (production && env.SEED_DEMO === true) {
      ctx.addIssue({ code: 'custom', path: ['SEED_DEMO'], message: 'demo seeding is refused in production' });
    }
    return {
      ...env,
      ADMIN_TOKEN: env.ADMIN_TOKEN ?? 'demo-admin',
      SEED_DEMO: production ? false : (env.SEED_DEMO ?? true),
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
