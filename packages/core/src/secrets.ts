import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys are stored only as this hash; the key itself is shown once, when created. One-shot
 * `crypto.hash` (Node 20.12+): a third of `createHash().update().digest()`'s cost, on every request.
 */
export const sha256Hex = (value: string): string => hash('sha256', value, 'hex');

/** 32 random bytes, URL-safe, with a recognisable prefix so leaked keys are easy to scan for. */
export const generateApiKey = (): string => `hark_${randomBytes(32).toString('base64url')}`;

/**
 * Random bytes for ids, drawn from the same CSPRNG a kilobyte at a time: asking it for 9 bytes at
 * every timer or key cost more than the rest of making one (crypto.randomUUID pools the same way).
 */
const idEntropy = { pool: Buffer.alloc(0), offset: 0 };
function randomIdBytes(size: number): Buffer {
  if (idEntropy.offset + size > idEntropy.pool.length) {
    idEntropy.pool = randomBytes(1_008);
    idEntropy.offset = 0;
  }
  const bytes = idEntropy.pool.subarray(idEntropy.offset, idEntropy.offset + size);
  idEntropy.offset += size;
  return bytes;
}

/** The prefix, "_" and 12 URL-safe characters (72 random bits): "tmr_8pcbC6lpr1La". */
export const generateId = (prefix: string): string => `${prefix}_${randomIdBytes(9).toString('base64url')}`;

/** Constant-time comparison of two secrets of any length. */
export function secretsEqual(given: string, expected: string): boolean {
  const a = hash('sha256', given, 'buffer');
  const b = hash('sha256', expected, 'buffer');
  return timingSafeEqual(a, b);
}

/** "Bearer xyz" -> "xyz"; anything else -> null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}
