import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived claims one Hark service hands another over HTTP, signed with the shared INTERNAL_TOKEN:
 * `base64url(JSON claims with "purpose" and "exp") . base64url(HMAC-SHA256)`. The purpose is signed
 * with the claims, so a token made for one use (a premium grant) is refused for another (a counted
 * request). Verification is constant-time and checks the expiry; what the claims mean, and whether a
 * token may be used twice, is for the caller to decide.
 */
export type SignedTokenCheck =
  | { ok: true; claims: Record<string, unknown> }
  | { ok: false; reason: 'malformed' | 'signature' | 'purpose' | 'expired' };

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest();

/** Signs `claims` for `purpose`, valid until `expiresAtMs` (epoch ms). */
export function signToken(
  secret: string,
  purpose: string,
  claims: Record<string, unknown>,
  expiresAtMs: number,
): string {
  const payload = Buffer.from(JSON.stringify({ ...claims, purpose, exp: expiresAtMs })).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

/** The claims of a token signed with `secret` for `purpose` that has not expired at `nowMs`. */
export function verifyToken(secret: string, purpose: string, token: string, nowMs: number): SignedTokenCheck {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'signature' };
  }
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    return { ok: false, reason: 'malformed' };
  }
  const { purpose: signedFor, exp } = claims as { purpose?: unknown; exp?: unknown };
  if (signedFor !== purpose) return { ok: false, reason: 'purpose' };
  if (typeof exp !== 'number' || !(exp > nowMs)) return { ok: false, reason: 'expired' };
  return { ok: true, claims: claims as Record<string, unknown> };
}
