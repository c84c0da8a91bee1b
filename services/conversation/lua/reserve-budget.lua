-- reserve-budget: hold the worst-case cost of one model call against a user's monthly LLM budget,
-- only if everything settled this month plus every call still in flight plus this one fits. Check
-- and hold happen in one step, so concurrent turns (on any number of instances) can never commit
-- more than the budget between them. Reservations that were never settled (a crashed instance)
-- lapse at their score and stop counting.
--
-- KEYS[1]  ledger               (hash: `spent` = micro-USD settled this month)
-- KEYS[2]  reservations         (sorted set: member "<id>:<micro-USD>", score = lapses at, ms)
-- ARGV[1]  reservation id       (unique per model call)
-- ARGV[2]  amount, micro-USD    (integer >= 0: the call's worst case)
-- ARGV[3]  budget, micro-USD    (integer >= 0: the plan's conversation.llm_budget_micro_usd)
-- ARGV[4]  now, ms              (lapsed reservations are dropped first)
-- ARGV[5]  lapses at, ms        (now + the longest a turn may run, plus a margin)
-- ARGV[6]  TTL, seconds         (past the end of the month; both keys age out by themselves)
--
-- Output: { held, spent, reserved } where held is 1 when the amount is now reserved and 0 when it
-- does not fit (then nothing is reserved), spent is the month's settled cost and reserved the sum
-- of live reservations after the call. Two keys with the user's hash tag: legal on Redis Cluster.
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[4])
local reserved = 0
for _, member in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  reserved = reserved + tonumber(string.match(member, ':(%d+)$'))
end
local spent = tonumber(redis.call('HGET', KEYS[1], 'spent') or '0')
local amount = tonumber(ARGV[2])
if spent + reserved + amount > tonumber(ARGV[3]) then return { 0, spent, reserved } end
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1] .. ':' .. ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[6])
return { 1, spent, reserved + amount }
