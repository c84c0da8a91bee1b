import { authErrorCodes } from '@hark/client/cli';
import { harkErrorKeys } from '@hark/contracts';
import { errorCatalogue, errorCode } from '@hark/core';
import { describe, expect, it } from 'vitest';

// The CLI sorts known codes by name and unknown ones by HTTP status; both must agree.
describe('the CLI and the error catalogue', () => {
  it('counts exactly the codes the catalogue answers with 401 or 403 as credential failures', () => {
    const byStatus = Object.entries(errorCatalogue)
      .filter(([, entry]) => entry.status === 401 || entry.status === 403)
      .map(([key]) => `HARK_ERR_${key}`);
    expect([...authErrorCodes].sort()).toEqual(byStatus.sort());
  });

  it('catalogues exactly the code names @hark/contracts lists', () => {
    expect(Object.keys(errorCatalogue).sort()).toEqual([...harkErrorKeys].sort());
    expect(errorCode('NOT_FOUND')).toBe('HARK_ERR_NOT_FOUND');
  });
});
