import { describe, expect, it } from 'vitest';
import { apiErrorOf, HarkApiError, HarkNetworkError, HarkTimeoutError } from '../errors.js';
import {
  CommandFailure,
  describeFailure,
  ExitCode,
  MissingCredentialsError,
  UsageError,
} from './exit-codes.js';

describe('describeFailure', () => {
  it('maps each kind of failure to its documented exit code', () => {
    const cases: [unknown, number][] = [
      [new UsageError('bad flag'), ExitCode.usage],
      [new MissingCredentialsError('no API key'), ExitCode.auth],
      [new HarkApiError(401, 'HARK_ERR_UNAUTHORIZED', 'Missing or invalid API key'), ExitCode.auth],
      [new HarkApiError(403, 'HARK_ERR_FORBIDDEN', 'no'), ExitCode.auth],
      [new HarkApiError(401, 'HARK_ERR_INTERNAL_TOKEN_REQUIRED', 'internal'), ExitCode.auth],
      [new HarkApiError(401, 'HTTP_401', 'a proxy refused'), ExitCode.auth],
      [new HarkApiError(404, 'HARK_ERR_NOT_FOUND', 'User x not found'), ExitCode.apiError],
      [new HarkApiError(503, 'HARK_ERR_UPSTREAM_UNAVAILABLE', 'down'), ExitCode.apiError],
      [new HarkNetworkError('could not reach', 'http://127.0.0.1:9/v1/timers'), ExitCode.unreachable],
      [new HarkTimeoutError('http://127.0.0.1:9/v1/timers', 30_000), ExitCode.unreachable],
      [new CommandFailure('stream ended', ExitCode.apiError), ExitCode.apiError],
      [new Error('bug'), ExitCode.apiError],
    ];
    for (const [error, code] of cases) expect(describeFailure(error, 'user').code).toBe(code);
  });

  it("sorts a newer server's unknown code by its HTTP status", async () => {
    const answer = (status: number) =>
      apiErrorOf(
        new Response(JSON.stringify({ error: { code: 'HARK_ERR_ADDED_LATER', message: 'new' } }), { status }),
      );
    expect(describeFailure(await answer(401), 'user').code).toBe(ExitCode.auth);
    expect(describeFailure(await answer(409), 'user').code).toBe(ExitCode.apiError);
  });

  it('says which credential to check on an auth error', () => {
    const error = new HarkApiError(401, 'HARK_ERR_UNAUTHORIZED', 'Missing or invalid API key');
    expect(describeFailure(error, 'user').message).toBe(
      'authentication failed: Missing or invalid API key (HARK_ERR_UNAUTHORIZED, HTTP 401); ' +
        'check the API key (--key, HARK_API_KEY or "apiKey" in the config file)',
    );
    expect(describeFailure(error, 'admin').message).toMatch(/check the operator token/);
  });

  it('names the server and the socket error when it cannot be reached, without credentials in the URL', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const error = new HarkNetworkError('could not reach', 'http://op:s3cret@127.0.0.1:9/v1/me', {
      cause: new TypeError('fetch failed', { cause }),
    });
    const { message } = describeFailure(error, 'user');
    expect(message).toMatch(
      /^cannot reach the Hark server at http:\/\/127\.0\.0\.1:9: connect ECONNREFUSED 127\.0\.0\.1:9/,
    );
    expect(message).not.toContain('s3cret');
  });

  it('adds validation details to an API error', () => {
    const error = new HarkApiError(400, 'HARK_ERR_VALIDATION', 'The request is invalid: body/text', {
      issues: [{ path: 'text' }],
    });
    expect(describeFailure(error, 'user').message).toBe(
      'The request is invalid: body/text (HARK_ERR_VALIDATION, HTTP 400)\n  details: {"issues":[{"path":"text"}]}',
    );
  });
});
