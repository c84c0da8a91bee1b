/**
 * What can go wrong in a call, as three kinds a caller handles differently: the server
 * answered with an error (HarkApiError), the server could not be reached or did not answer in
 * time (HarkNetworkError, HarkTimeoutError), or the caller aborted (the AbortSignal's reason,
 * rethrown as is).
 */
import type { HarkErrorCode } from '@hark/contracts';

/** The code of an error answer that was not a Hark error body (a proxy in between): "HTTP_502". */
export type HttpStatusCode = `HTTP_${number}`;

declare const unrecognised: unique symbol;
/**
 * A HARK_ERR_* code this client does not know, from a newer server: kept as the server sent
 * it. Only an error body read off the wire makes one, so a code written in code must be known.
 */
export type UnrecognisedErrorCode = string & { readonly [unrecognised]: true };

/** What `HarkApiError.code` holds; `isHarkErrorCode` narrows it to the codes this client knows. */
export type ApiErrorCode = HarkErrorCode | HttpStatusCode | UnrecognisedErrorCode;

/** The server answered with an error status; `code` is its stable HARK_ERR_* code. */
export class HarkApiError extends Error {
  override readonly name = 'HarkApiError';

  constructor(
    readonly status: number,
    /** HARK_ERR_* (maybe one newer than this client: see isHarkErrorCode), or `HTTP_<status>`. */
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
    /** The x-request-id the server answered with, for support and logs. */
    readonly requestId?: string,
  ) {
    super(message);
  }

  /** 401 and 403: the API key or operator token is missing, wrong or not allowed to do this. */
  get isAuthError(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

/** No HTTP answer at all: refused connection, unknown host, reset, TLS failure. */
export class HarkNetworkError extends Error {
  override readonly name: string = 'HarkNetworkError';

  constructor(
    message: string,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The server did not answer within the client's `timeoutMs`. */
export class HarkTimeoutError extends HarkNetworkError {
  override readonly name = 'HarkTimeoutError';

  constructor(
    url: string,
    readonly timeoutMs: number,
  ) {
    super(`no answer from ${url} within ${timeoutMs} ms`, url);
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

/** The HarkApiError for an error response, reading the `{error: {code, message, details}}` body when there is one. */
export async function apiErrorOf(response: Response): Promise<HarkApiError> {
  const text = await response.text().catch(() => '');
  let body: ErrorBody | null = null;
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    // Not JSON: something other than Hark answered (a proxy, a load balancer).
  }
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const error = body?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    // A code this client does not know is kept as sent: a newer server's (UnrecognisedErrorCode).
    return new HarkApiError(
      response.status,
      error.code as ApiErrorCode,
      error.message,
      error.details,
      requestId,
    );
  }
  const statusText = response.statusText ? ` ${response.statusText}` : '';
  return new HarkApiError(
    response.status,
    `HTTP_${response.status}`,
    `the server answered ${response.status}${statusText} without a Hark error body`,
    text ? { body: text.slice(0, 500) } : undefined,
    requestId,
  );
}

/** The cause chain's most telling message, e.g. "connect ECONNREFUSED 127.0.0.1:3000" under fetch's "fetch failed". */
export function describeNetworkFailure(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  let current: unknown = error instanceof Error ? error.cause : undefined;
  while (current instanceof Error) {
    const code = (current as NodeJS.ErrnoException).code;
    if (current.message) message = current.message;
    else if (code) message = code;
    // Node tries every address of a host name and reports them together.
    current = current instanceof AggregateError ? current.errors[0] : current.cause;
  }
  return message;
}
