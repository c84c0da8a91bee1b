-- record-mrr: a subscription sync saw a user's MRR and trial state; record what moved since the
-- last sync, as ChartMogul and Baremetrics classify it. An unchanged state records nothing, so
-- repeated syncs (duplicate events, resyncs) are no-ops.
--
-- KEYS[1]  MRR customers hash (user id -> "mrrMinor|currency|everPaying|trial",
--                              trial: none, trialing, converted, ended)
-- KEYS[2]  MRR month hash     ("<currency>|new", "|expansion", "|contraction", "|churned",
--                              "|reactivation", "|newCustomers", "|reactivatedCustomers",
--                              "|churnedCustomers"; "trials|started", "trials|ended")
-- KEYS[3]  MRR state hash     ("firstMonth")
-- ARGV[1]  user id
-- ARGV[2]  MRR now, minor units per month (0 when trialing, cancelled, incomplete or paused)
-- ARGV[3]  its currency ("" when there is no subscription)
-- ARGV[4]  1 when a subscription is trialing now, else 0
-- ARGV[5]  UTC month (YYYY-MM) the change is dated in
--
-- Output: 1 when something moved, 0 when nothing did.
local state = redis.call('HGET', KEYS[1], ARGV[1]) or '0||0|none'
local mrr, currency, ever, trial = string.match(state, '^([^|]*)|([^|]*)|([^|]*)|([^|]*)$')
mrr = tonumber(mrr)
local now, nowCurrency, trialing = tonumber(ARGV[2]), ARGV[3], ARGV[4] == '1'
local moved = false
local function add(field, by)
  redis.call('HINCRBY', KEYS[2], field, by)
  moved = true
end

if trialing and trial == 'none' then
  add('trials|started', 1)
  trial = 'trialing'
elseif trial == 'trialing' and not trialing and now == 0 then
  add('trials|ended', 1)
  trial = 'ended'
end

local sameCurrency = currency == nowCurrency
if mrr > 0 and (now == 0 or not sameCurrency) then
  add(currency .. '|churned', mrr)
  add(currency .. '|churnedCustomers', 1)
end
if now > 0 and (mrr == 0 or not sameCurrency) then
  if ever == '1' then
    add(nowCurrency .. '|reactivation', now)
    add(nowCurrency .. '|reactivatedCustomers', 1)
  else
    add(nowCurrency .. '|new', now)
    add(nowCurrency .. '|newCustomers', 1)
  end
elseif now > 0 and mrr > 0 and now ~= mrr then
  if now > mrr then add(nowCurrency .. '|expansion', now - mrr)
  else add(nowCurrency .. '|contraction', mrr - now) end
end

if now > 0 then ever = '1' end
local next = now .. '|' .. (now > 0 and nowCurrency or currency) .. '|' .. ever .. '|' .. trial
if next ~= state then redis.call('HSET', KEYS[1], ARGV[1], next) end
if moved then
  local first = redis.call('HGET', KEYS[3], 'firstMonth')
  if not first or ARGV[5] < first then redis.call('HSET', KEYS[3], 'firstMonth', ARGV[5]) end
  return 1
end
return 0
