-- count-auth-failure: count one failed authentication against a counter (one client address, or
-- one credential's hash) for a fixed window, in one round trip.
--
-- KEYS[1]  failure counter      (string integer: failures in the current window)
-- ARGV[1]  window, ms           (integer >= 1: the counter expires this long after its first failure)
--
-- Output: { failures in the window including this one, ms until the window resets }. The first
-- failure starts the window; later ones do not extend it, so a throttled client is let in again
-- when it ends. One key per call: the address and credential counters are on slots of their own.
local window = tonumber(ARGV[1])
local count = redis.call('INCR', KEYS[1])
local ttl = window
if count == 1 then
  redis.call('PEXPIRE', KEYS[1], window)
else
  ttl = redis.call('PTTL', KEYS[1])
  -- A counter without an expiry (written by hand, or its PEXPIRE lost) must not block anyone forever.
  if ttl < 0 then
    redis.call('PEXPIRE', KEYS[1], window)
    ttl = window
  end
end
return { count, ttl }
