import { type HarkErrorCode, isHarkErrorCode } from '@hark/contracts';
import { describeNetworkFailure, HarkApiError, HarkNetworkError, HarkTimeoutError } from '../errors.js';

/** Exit codes of `hark`, stable for scripts (also listed in `hark --help` and the README). */
export const ExitCode = {
  ok: 0,
  /** The server answered with an error (not found, invalid request, limit reached, ...). */
  apiError: 1,
  /** The command line or the config file is wrong. */
  usage: 2,
  /** No answer from the server: not running, wrong URL, network down, timed out. */
  unreachable: 3,
  /** The API key or operator token is missing, wrong, or not allowed to do this. */
  auth: 4,
  /** Stopped with Ctrl-C. */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A mistake on the command line or in the config file; the message says what to change. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Credentials the command needs were not given; the message says where they can come from. */
export class MissingCredentialsError extends Error {
  override readonly name = 'MissingCredentialsError';
}

/** A failure the command already put into words, with the exit code it stands for. */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';

  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}

/** Which credential a failed call used, so an auth error can say which one to check. */
export type CredentialKind = 'user' | 'admin' | 'none';

const credentialHint: Record<CredentialKind, string> = {
  user: 'check the API key (--key, HARK_API_KEY or "apiKey" in the config file)',
  admin: 'check the operator token (--admin-token, HARK_ADMIN_TOKEN or "adminToken" in the config file)',
  none: 'check your credentials',
};

/** The codes that mean "check your credentials" (the catalogue's 401s and 403s). */
export const authErrorCodes: ReadonlySet<HarkErrorCode> = new Set<HarkErrorCode>([
  'HARK_ERR_UNAUTHORIZED',
  'HARK_ERR_FORBIDDEN',
  'HARK_ERR_INSUFFICIENT_ROLE',
  'HARK_ERR_INTERNAL_TOKEN_REQUIRED',
  'HARK_ERR_GRANT_INVALID',
]);

/** By its code when this client knows the code; by the HTTP status for a proxy's or a newer server's. */
function isAuthFailure(error: HarkApiError): boolean {
  return isHarkErrorCode(error.code) ? authErrorCodes.has(error.code) : error.isAuthError;
}

/** What to print on stderr for an error, and the exit code; never includes a key or token. */
export function describeFailure(
  error: unknown,
  credential: CredentialKind,
): { message: string; code: ExitCode } {
  if (error instanceof UsageError) return { message: error.message, code: ExitCode.usage };
  if (error instanceof MissingCredentialsError) return { message: error.message, code: ExitCode.auth };
  if (error instanceof CommandFailure) return { message: error.message, code: error.exitCode };
  if (error instanceof HarkApiError) {
    const what = `${error.message} (${error.code}, HTTP ${error.status})`;
    if (isAuthFailure(error)) {
      return {
        message: `authentication failed: ${what}; ${credentialHint[credential]}`,
        code: ExitCode.auth,
      };
    }
    return { message: `${what}${formatDetails(error.details)}`, code: ExitCode.apiError };
  }
  if (error instanceof HarkTimeoutError) {
    const server = withoutUserInfo(error.url);
    return {
      message: `no answer from ${server} within ${error.timeoutMs / 1000} s`,
      code: ExitCode.unreachable,
    };
  }
  if (error instanceof HarkNetworkError) {
    const server = withoutUserInfo(new URL(error.url).origin);
    const message = `cannot reach the Hark server at ${server}: ${describeNetworkFailure(error)} (is it running? \`npm start\` starts one; --url or HARK_URL points elsewhere)`;
    return { message, code: ExitCode.unreachable };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message: `unexpected error: ${message}`, code: ExitCode.apiError };
}

/** Validation details, compact and bounded, so a 400 says which field was wrong. */
function formatDetails(details: unknown): string {
  if (details === undefined || details === null) return '';
  const json = JSON.stringify(details);
  return `\n  details: ${json.length > 600 ? `${json.slice(0, 600)}…` : json}`;
}

/** A URL as safe to print: user:password@ removed. */
export function withoutUserInfo(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}
