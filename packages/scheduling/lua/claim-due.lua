-- claim-due: hand due work to exactly one scheduler instance, with a lease.
--
-- KEYS[1]  due sorted set      (member -> due time, ms)
-- KEYS[2]  claimed sorted set  (member -> lease expiry, ms)
-- ARGV[1]  now, ms
-- ARGV[2]  lease length, ms
-- ARGV[3]  most members to claim in this call
--
-- Output: { member1, member2, ..., nextDue } where nextDue is the earliest remaining due
-- time (string, ms) or "" when nothing is pending. Claims whose lease ran out (the instance
-- that held them died) are claimed again first, so work is never lost, only retried.
local now = tonumber(ARGV[1])
local leaseUntil = now + tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local claimed = {}

local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, limit)
for _, member in ipairs(expired) do
  redis.call('ZADD', KEYS[2], leaseUntil, member)
  claimed[#claimed + 1] = member
end

if #claimed < limit then
  local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, limit - #claimed)
  for _, member in ipairs(due) do
    redis.call('ZREM', KEYS[1], member)
    redis.call('ZADD', KEYS[2], leaseUntil, member)
    claimed[#claimed + 1] = member
  end
end

local nextDue = ''
local head = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if head[2] then nextDue = head[2] end
local lease = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
if lease[2] and (nextDue == '' or tonumber(lease[2]) < tonumber(nextDue)) then nextDue = lease[2] end
claimed[#claimed + 1] = nextDue
return claimed
