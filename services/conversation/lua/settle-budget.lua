-- settle-budget: turn a reservation of reserve-budget.lua into the real cost of the model call
-- (0 when it failed before any usage was known): the reservation is released and the cost added
-- to what the month has spent, in one step, so no concurrent reservation ever sees the budget
-- counted twice or not at all.
--
-- KEYS[1]  ledger               (hash: `spent` = micro-USD settled this month)
-- KEYS[2]  reservations         (sorted set: member "<id>:<micro-USD>", score = lapses at, ms)
-- ARGV[1]  reservation member   ("<id>:<micro-USD>", as reserve-budget.lua added it)
-- ARGV[2]  cost, micro-USD      (integer >= 0: what the call cost)
-- ARGV[3]  TTL, seconds         (past the end of the month)
--
-- Output: the month's settled cost after the call. Two keys with the user's hash tag: legal on
-- Redis Cluster.
redis.call('ZREM', KEYS[2], ARGV[1])
local spent = redis.call('HINCRBY', KEYS[1], 'spent', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return spent
