import { sha256Hex, signToken, verifyToken } from '@hark/core';

/**
 * One request budget per API key wherever the key is accepted (issue 20): the router counts every /v1
 * request, the ones it proxies to the entitlement service included; the entitlement service counts
 * every request that reaches it directly, against the same Redis counter. A proxied request must not be
 * counted twice, so the router stamps it: this header, signed with INTERNAL_TOKEN, binding the key (its
 * hash), the method and the URL, valid for a few seconds. Only a valid stamp for that very key and
 * request skips the count; anything else (none, forged, stale, another key) is counted as usual.
 */
export const COUNTED_HEADER = 'x-hark-counted';
const PURPOSE = 'hark-counted-request';
/** A stamp is used at once by the proxied request; this only absorbs clock skew between hosts. */
const STAMP_TTL_MS = 30_000;

interface StampedRequest {
  method: string;
  url: string;
}

/** The header value that says `request`, made with `apiKey`, was counted against its budget. */
export function countedStamp(
  secret: string,
  apiKey: string,
  request: StampedRequest,
  nowMs = Date.now(),
): string {
  const claims = { key: sha256Hex(apiKey), method: request.method, url: request.url };
  return signToken(secret, PURPOSE, claims, nowMs + STAMP_TTL_MS);
}

/** True when `stamp` says this very request, with this key, was already counted by the router. */
export function wasCounted(
  secret: string,
  stamp: string | string[] | undefined,
  apiKey: string,
  request: StampedRequest,
  nowMs = Date.now(),
): boolean {
  if (typeof stamp !== 'string' || stamp === '') return false;
  const verified = verifyToken(secret, PURPOSE, stamp, nowMs);
  if (!verified.ok) return false;
  const { key, method, url } = verified.claims;
  return key === sha256Hex(apiKey) && method === request.method && url === request.url;
}
