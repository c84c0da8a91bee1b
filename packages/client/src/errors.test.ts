import { describe, expect, it } from 'vitest';
import { type ApiErrorCode, apiErrorOf, HarkApiError } from './errors.js';
import { isHarkErrorCode } from './index.js';

const errorResponse = (status: number, body: string) =>
  new Response(body, { status, headers: { 'x-request-id': 'req-1' } });

describe('HarkApiError codes', () => {
  it('reads the code, message and details of a Hark error body', async () => {
    const body = {
      error: { code: 'HARK_ERR_NOT_FOUND', message: 'Timer t1 not found', details: { id: 't1' } },
    };
    const error = await apiErrorOf(errorResponse(404, JSON.stringify(body)));
    expect(error).toMatchObject({ status: 404, code: 'HARK_ERR_NOT_FOUND', requestId: 'req-1' });
    expect(error.details).toEqual({ id: 't1' });
    expect(isHarkErrorCode(error.code)).toBe(true);
  });

  it("keeps a newer server's code as sent, which the guard tells apart", async () => {
    const body = { error: { code: 'HARK_ERR_ADDED_LATER', message: 'new' } };
    const error = await apiErrorOf(errorResponse(409, JSON.stringify(body)));
    expect(error.code).toBe('HARK_ERR_ADDED_LATER');
    expect(isHarkErrorCode(error.code)).toBe(false);
  });

  it('names a body that is not a Hark error by its status', async () => {
    const error = await apiErrorOf(errorResponse(502, '<html>Bad Gateway</html>'));
    expect(error.code).toBe('HTTP_502');
    expect(isHarkErrorCode(error.code)).toBe(false);
  });

  // The @ts-expect-error lines are the test: `tsc -b` fails if a misspelt code ever compiles.
  it('does not compile a misspelt code', () => {
    // @ts-expect-error: HARK_ERR_NOT_FUOND is not a Hark error code.
    const misspelt = new HarkApiError(404, 'HARK_ERR_NOT_FUOND', 'typo');
    // @ts-expect-error: nor is a code without its prefix.
    const unprefixed: ApiErrorCode = 'NOT_FOUND';
    expect([misspelt.code, unprefixed]).toEqual(['HARK_ERR_NOT_FUOND', 'NOT_FOUND']);
  });

  it('does not compile a comparison with a misspelt code once the guard has narrowed the code', () => {
    const error = new HarkApiError(409, 'HARK_ERR_LIMIT_REACHED', 'You already have 20 active timers');
    if (!isHarkErrorCode(error.code)) throw new Error('HARK_ERR_LIMIT_REACHED is a known code');
    expect(error.code === 'HARK_ERR_LIMIT_REACHED').toBe(true);
    // @ts-expect-error: the types HarkErrorCode and "HARK_ERR_LIMT_REACHED" have no overlap.
    expect(error.code === 'HARK_ERR_LIMT_REACHED').toBe(false);
  });
});
