-- consume-quota: take `amount` units of a quota for one period, only if the limit allows all
-- of them. Check and increment happen in one step, so concurrent requests (on any number of
-- instances) can never push usage past the limit.
--
-- KEYS[1]  usage counter        (string integer: units used in this period by one user)
-- ARGV[1]  amount               (integer >= 1)
-- ARGV[2]  limit                (integer >= 0: most units allowed in the period)
-- ARGV[3]  TTL, seconds         (until the period resets, plus grace; the key ages out by itself)
--
-- Output: { allowed, used } where allowed is 1 when the units were taken and 0 when taking
-- them would exceed the limit (then nothing changes), and used is the usage after the call.
-- A refused call never creates the key. One key with the user's hash tag: legal on Redis Cluster.
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local amount = tonumber(ARGV[1])
if used + amount > tonumber(ARGV[2]) then return { 0, used } end
used = redis.call('INCRBY', KEYS[1], amount)
redis.call('EXPIRE', KEYS[1], ARGV[3])
return { 1, used }
