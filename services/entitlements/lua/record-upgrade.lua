-- record-upgrade: remember the first time a user moved onto a priced plan, and count it as a
-- conversion of the user's first premium-gate hit when that hit was folded already (the other
-- order is counted by fold-insights.lua). Later moves onto a priced plan change nothing.
--
-- KEYS[1]  upgrades hash     (user id -> "ms|plan|source")
-- KEYS[2]  gate hits hash    (user id -> "ms|YYYY-MM-DD" of the first upsell)
-- KEYS[3]  gate days hash    ("YYYY-MM-DD|upgrades", "…|upgraded7", "…|upgraded30")
-- ARGV[1]  user id
-- ARGV[2]  when, ms
-- ARGV[3]  plan id
-- ARGV[4]  source            ("grant" or "stripe")
-- ARGV[5]  UTC day of ARGV[2] (YYYY-MM-DD)
--
-- Output: 1 when recorded (the first time), 0 when the user had moved onto a priced plan before.
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2] .. '|' .. ARGV[3] .. '|' .. ARGV[4]) == 0 then
  return 0
end
redis.call('HINCRBY', KEYS[3], ARGV[5] .. '|upgrades', 1)

local hit = redis.call('HGET', KEYS[2], ARGV[1])
if hit then
  local hitAt, hitDay = string.match(hit, '^(%d+)|(.+)$')
  local elapsed = tonumber(ARGV[2]) - tonumber(hitAt)
  if elapsed >= 0 then
    if elapsed <= 7 * 86400000 then redis.call('HINCRBY', KEYS[3], hitDay .. '|upgraded7', 1) end
    if elapsed <= 30 * 86400000 then redis.call('HINCRBY', KEYS[3], hitDay .. '|upgraded30', 1) end
  end
end
return 1
