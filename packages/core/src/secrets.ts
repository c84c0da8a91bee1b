import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** API keys are stored only as this hash; the key itself is shown once, when created. */
export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

/** 32 random bytes, URL-safe, with a recognisable prefix so leaked keys are easy to scan for. */
export const generateApiKey = (): string => `hark_${randomBytes(32).toString('base64url')}`;

export const generateId = (prefix: string): string => `${prefix}_${randomBytes(9).toString('base64url')}`;

/** Constant-time comparison of two secrets of any length. */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** "Bearer xyz" -> "xyz"; anything else -> null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}
