-- record-checkout: a Checkout session was created, completed or expired. Counted once per
-- session and state, on the UTC day the session was created (where checkouts are abandoned);
-- the user's first start and first completion are kept for the funnel.
--
-- KEYS[1]  checkouts hash      ("cs:<id>" -> "state|YYYY-MM-DD"; "started:<user>",
--                               "completed:<user>" -> ms)
-- KEYS[2]  checkout days hash  ("YYYY-MM-DD|started", "…|complete", "…|expired")
-- ARGV[1]  session id
-- ARGV[2]  state               ("open", "complete" or "expired")
-- ARGV[3]  UTC day the session was created
-- ARGV[4]  user id, or ""
-- ARGV[5]  when the session was created, ms
-- ARGV[6]  now, ms (when it completed)
--
-- Output: 1 when something was counted, 0 when this state of the session was counted before.
local field = 'cs:' .. ARGV[1]
local previous = redis.call('HGET', KEYS[1], field)
local counted = 0
if not previous then
  redis.call('HINCRBY', KEYS[2], ARGV[3] .. '|started', 1)
  if ARGV[4] ~= '' then redis.call('HSETNX', KEYS[1], 'started:' .. ARGV[4], ARGV[5]) end
  previous = 'open|' .. ARGV[3]
  counted = 1
end
local state, day = string.match(previous, '^([^|]*)|(.*)$')
if state == 'open' and ARGV[2] ~= 'open' then
  redis.call('HINCRBY', KEYS[2], day .. '|' .. ARGV[2], 1)
  state = ARGV[2]
  counted = 1
end
redis.call('HSET', KEYS[1], field, state .. '|' .. day)
if state == 'complete' and ARGV[4] ~= '' then
  redis.call('HSETNX', KEYS[1], 'completed:' .. ARGV[4], ARGV[6])
end
return counted
