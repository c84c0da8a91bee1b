-- authenticate-and-count: look up an API key and count the request against the key's budget,
-- in one round trip. The lookup is never cached, so a key revoked on any instance is refused
-- at once; a request with an unknown key counts against nothing.
--
-- KEYS[1]  key lookup           (string: SHA-256 hex of an API key -> "keyId userId", or a bare key id)
-- KEYS[2]  request counter      (string integer: this key's requests in the current window)
-- ARGV[1]  window, ms           (integer >= 1: the counter expires this long after its first request)
--
-- Output: nil when no such key exists (nothing is counted); else { the lookup's value, requests in the
-- window including this one, ms until the window resets }. A fixed window: the first request
-- starts it, and the counter ages out with it. The counter's key carries the lookup key as its
-- hash tag, so both keys are on one Redis Cluster slot.
local lookup = redis.call('GET', KEYS[1])
if not lookup then return nil end
local window = tonumber(ARGV[1])
local count = redis.call('INCR', KEYS[2])
local ttl = window
if count == 1 then
  redis.call('PEXPIRE', KEYS[2], window)
else
  ttl = redis.call('PTTL', KEYS[2])
  -- A counter without an expiry (written by hand, or its PEXPIRE lost) must not block the key forever.
  if ttl < 0 then
    redis.call('PEXPIRE', KEYS[2], window)
    ttl = window
  end
end
return { lookup, count, ttl }
