import { z } from 'zod';

/** Every error response: `{error: {code, message, details?}}` with a stable HARK_ERR_* code. */
export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().regex(/^HARK_ERR_[A-Z_]+$/),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/**
 * The name of every stable error code, without its HARK_ERR_ prefix. Codes are part of the
 * public API: never rename or remove one, only add. The status and message template of each
 * are in packages/core/src/errors.ts, whose catalogue must name exactly these.
 */
export const harkErrorKeys = [
  'VALIDATION',
  'BAD_REQUEST',
  'INVALID_JSON',
  'INVALID_TIMEZONE',
  'INVALID_LOCALE',
  'UNSUPPORTED_LOCALE',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  'INVALID_STATE',
  'LIMIT_REACHED',
  'INVALID_DURATION',
  'INVALID_TIME',
  'INVALID_LIST_NAME',
  'INVALID_LIST_ITEM',
  'LIST_LIMIT_REACHED',
  'UNKNOWN_LOCATION',
  'BODY_TOO_LARGE',
  'HEADERS_TOO_LARGE',
  'REQUEST_TIMEOUT',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'AUTH_THROTTLED',
  'INSUFFICIENT_ROLE',
  'TOO_MANY_KEYS',
  'INTERNAL',
  'SKILL_UNAVAILABLE',
  'UNAVAILABLE',
  'UPSTREAM_UNAVAILABLE',
  'INVALID_SIGNATURE',
  'INVALID_STRIPE_EVENT',
  'PLAN_NOT_FOR_SALE',
  'NO_BILLING_ACCOUNT',
  'PLAN_UNAVAILABLE',
  'ALREADY_SUBSCRIBED',
  'PRICE_ALREADY_USED',
  'PAYMENT_PROVIDER_ERROR',
  'BILLING_UNAVAILABLE',
  'INTERNAL_TOKEN_REQUIRED',
  'GRANT_INVALID',
  'LLM_UNAVAILABLE',
  'LLM_TIMEOUT',
  'LLM_CIRCUIT_OPEN',
  'LLM_BUDGET_REACHED',
  'EMPTY_AUDIO',
  'AUDIO_TOO_LONG',
  'UNSUPPORTED_AUDIO_TYPE',
  'NO_SPEECH',
  'SPEECH_UNAVAILABLE',
] as const;
export type HarkErrorKey = (typeof harkErrorKeys)[number];
/** A stable error code, as `error.code` carries it: "HARK_ERR_NOT_FOUND". */
export type HarkErrorCode = `HARK_ERR_${HarkErrorKey}`;

const harkErrorCodes: ReadonlySet<string> = new Set(harkErrorKeys.map((key) => `HARK_ERR_${key}`));

/** True for a code this version knows; a newer server may answer with codes added since. */
export const isHarkErrorCode = (code: string): code is HarkErrorCode => harkErrorCodes.has(code);
