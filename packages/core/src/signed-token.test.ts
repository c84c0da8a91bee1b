import { describe, expect, it } from 'vitest';
import { signToken, verifyToken } from './signed-token.js';

const SECRET = 'a-shared-internal-secret';
const NOW = 1_800_000_000_000;

describe('signed tokens', () => {
  it('gives back the claims of a token signed for the same purpose before it expires', () => {
    const token = signToken(SECRET, 'grant', { userId: 'ada' }, NOW + 60_000);
    expect(verifyToken(SECRET, 'grant', token, NOW)).toEqual({
      ok: true,
      claims: { userId: 'ada', purpose: 'grant', exp: NOW + 60_000 },
    });
  });

  it('refuses another secret, an edited payload, another purpose, an expired or malformed token', () => {
    const token = signToken(SECRET, 'grant', { userId: 'ada' }, NOW + 60_000);
    const [, signature] = token.split('.');
    const edited = `${Buffer.from(JSON.stringify({ userId: 'eve', purpose: 'grant', exp: NOW + 60_000 })).toString('base64url')}.${signature}`;
    expect(verifyToken('another-secret-value', 'grant', token, NOW)).toMatchObject({ reason: 'signature' });
    expect(verifyToken(SECRET, 'grant', edited, NOW)).toMatchObject({ reason: 'signature' });
    expect(verifyToken(SECRET, 'counted', token, NOW)).toMatchObject({ reason: 'purpose' });
    expect(verifyToken(SECRET, 'grant', token, NOW + 60_000)).toMatchObject({ reason: 'expired' });
    for (const bad of ['', 'abc', `${token}.x`, `.${signature}`, `${token.split('.')[0]}.`]) {
      expect(verifyToken(SECRET, 'grant', bad, NOW)).toMatchObject({ ok: false });
    }
  });
});
