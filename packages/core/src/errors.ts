import type { HarkErrorCode, HarkErrorKey } from '@hark/contracts';

/**
 * The one error catalogue: every error a client can see has a stable code, an HTTP status
 * and a message template. `{name}` placeholders are filled from the params given.
 * The codes' names are listed in @hark/contracts (harkErrorKeys), so the client library knows
 * them without depending on core; the type below makes this catalogue name exactly those.
 */
export const errorCatalogue = {
  VALIDATION: { status: 400, message: 'The request is invalid: {summary}' },
  BAD_REQUEST: { status: 400, message: 'The request could not be understood' },
  INVALID_JSON: { status: 400, message: 'The request body is not valid JSON' },
  INVALID_TIMEZONE: {
    status: 400,
    message: 'Unknown time zone "{timezone}"; use an IANA name such as Europe/Paris',
  },
  INVALID_LOCALE: { status: 400, message: 'Invalid locale "{locale}"; use a BCP 47 tag such as en-US' },
  UNSUPPORTED_LOCALE: {
    status: 400,
    message: 'Locale "{locale}" is not supported yet; supported: {supported}',
  },
  UNAUTHORIZED: {
    status: 401,
    message: 'Missing or invalid credentials: send "Authorization: Bearer <key>"',
  },
  FORBIDDEN: { status: 403, message: 'These credentials may not perform this action' },
  INSUFFICIENT_ROLE: {
    status: 403,
    message: 'Your operator role "{role}" may not do this; it needs "{required}" (or "owner")',
  },
  NOT_FOUND: { status: 404, message: '{what} not found' },
  ROUTE_NOT_FOUND: { status: 404, message: 'No route {method} {url}' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'Method {method} is not allowed here' },
  CONFLICT: { status: 409, message: '{what} already exists' },
  INVALID_STATE: { status: 409, message: '{what} is {state}; it cannot {action} now' },
  TOO_MANY_KEYS: {
    status: 409,
    message: 'User {userId} already has {limit} API keys, the most allowed; revoke one first',
  },
  LIMIT_REACHED: {
    status: 409,
    message: 'You already have {limit} active {what}, the most allowed; cancel one first',
  },
  INVALID_DURATION: { status: 400, message: 'Invalid duration: {reason}' },
  INVALID_TIME: { status: 400, message: 'Invalid time: {reason}' },
  INVALID_LIST_NAME: { status: 400, message: 'Invalid list name "{name}": {reason}' },
  INVALID_LIST_ITEM: { status: 400, message: 'Invalid list item "{item}": {reason}' },
  LIST_LIMIT_REACHED: {
    status: 409,
    message: 'You already have {limit} {what}, the most allowed; remove some first',
  },
  UNKNOWN_LOCATION: { status: 400, message: 'No place called "{name}" was found' },
  BODY_TOO_LARGE: { status: 413, message: 'The request body is larger than {limit} bytes' },
  HEADERS_TOO_LARGE: { status: 431, message: 'The request headers are larger than {limit} bytes' },
  REQUEST_TIMEOUT: { status: 408, message: 'The request did not arrive in time; send it again' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the body as application/json' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; retry in {retryAfterSeconds} s' },
  AUTH_THROTTLED: {
    status: 429,
    message:
      'Too many failed authentications from this address or with this credential; retry in {retryAfterSeconds} s',
  },
  INTERNAL: { status: 500, message: 'Something went wrong on our side; the request id is {requestId}' },
  SKILL_UNAVAILABLE: {
    status: 501,
    message: 'Hark understood "{intent}" but that skill is not available yet',
  },
  UNAVAILABLE: { status: 503, message: 'A backing service is unavailable; retry shortly' },
  UPSTREAM_UNAVAILABLE: { status: 503, message: 'The {service} service is not answering; retry shortly' },
  INVALID_SIGNATURE: {
    status: 400,
    message:
      'The Stripe-Signature header is missing, does not match the body, or is dated outside 5 minutes of now',
  },
  INVALID_STRIPE_EVENT: { status: 400, message: 'The signed body is not a Stripe event: {reason}' },
  PLAN_NOT_FOR_SALE: {
    status: 400,
    message: 'Plan "{plan}" has no Stripe price, so it cannot be bought; an operator can grant it',
  },
  NO_BILLING_ACCOUNT: {
    status: 404,
    message: 'You have no billing account yet; subscribe first with POST /v1/billing/checkout',
  },
  PLAN_UNAVAILABLE: { status: 409, message: 'Plan "{plan}" is not open for new subscriptions' },
  ALREADY_SUBSCRIBED: {
    status: 409,
    message: 'You already have a {status} subscription; change or cancel it with POST /v1/billing/portal',
  },
  PRICE_ALREADY_USED: { status: 409, message: 'Stripe price "{price}" is already used by plan "{plan}"' },
  PAYMENT_PROVIDER_ERROR: {
    status: 502,
    message: 'The payment provider did not answer as expected; retry shortly (request id {requestId})',
  },
  BILLING_UNAVAILABLE: {
    status: 503,
    message: 'Billing is not configured on this server (no Stripe keys); operator grants still work',
  },
  INTERNAL_TOKEN_REQUIRED: {
    status: 401,
    message: 'This is an internal endpoint: send the "x-hark-internal-token" header',
  },
  GRANT_INVALID: {
    status: 403,
    message: 'This internal call carries no valid premium grant for this user ({reason})',
  },
  LLM_UNAVAILABLE: { status: 503, message: 'The language model is not answering ({reason}); retry shortly' },
  LLM_TIMEOUT: { status: 504, message: 'The language model took too long ({reason})' },
  LLM_CIRCUIT_OPEN: {
    status: 503,
    message: 'The language model failed repeatedly; not trying again for {retryAfterSeconds} s',
  },
  LLM_BUDGET_REACHED: {
    status: 429,
    message: "This month's conversation budget is spent; conversation comes back on {resumesOn} (UTC)",
  },
  EMPTY_AUDIO: { status: 400, message: 'The audio body is empty; send the recording as the request body' },
  AUDIO_TOO_LONG: {
    status: 400,
    message: 'The recording is {seconds} s long; the most allowed is {limit} s',
  },
  UNSUPPORTED_AUDIO_TYPE: {
    status: 415,
    message: 'Send the audio as audio/wav, audio/webm, audio/ogg or audio/mpeg (got "{contentType}")',
  },
  NO_SPEECH: { status: 422, message: 'No speech was recognised in the recording' },
  SPEECH_UNAVAILABLE: {
    status: 503,
    message: 'The {what} service is not answering ({reason}); retry shortly',
  },
} as const satisfies Record<HarkErrorKey, { status: number; message: string }>;

export const errorCode = (key: HarkErrorKey): HarkErrorCode => `HARK_ERR_${key}`;

export interface ErrorBody {
  error: { code: HarkErrorCode; message: string; details?: unknown };
}

function fillTemplate(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? name));
}

/** An error meant for the client: its code, status and message come from the catalogue. */
export class HarkError extends Error {
  readonly code: HarkErrorCode;
  readonly statusCode: number;
  readonly details: unknown;

  constructor(key: HarkErrorKey, params: Record<string, unknown> = {}, details?: unknown) {
    const entry = errorCatalogue[key];
    super(fillTemplate(entry.message, params));
    this.name = 'HarkError';
    this.code = errorCode(key);
    this.statusCode = entry.status;
    this.details = details;
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { error: { code: this.code, message: this.message } };
    if (this.details !== undefined) body.error.details = this.details;
    return body;
  }
}

export const isHarkError = (error: unknown): error is HarkError => error instanceof HarkError;
