-- refund-quota: give back units taken by consume-quota (the work they paid for did not
-- happen), never taking usage below zero.
--
-- KEYS[1]  usage counter        (string integer: units used in this period by one user)
-- ARGV[1]  amount               (integer >= 1)
--
-- Output: the usage after the call. A missing counter (the period aged out) stays missing
-- and answers 0; the counter keeps its TTL.
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used <= 0 then return 0 end
local back = math.min(used, tonumber(ARGV[1]))
return redis.call('DECRBY', KEYS[1], back)
