-- record-money: record one piece of money Stripe moved (a paid invoice, a refund or the
-- out-of-band part of a credit note) once per Stripe object id. A paid invoice above 0 is also
-- the user's first payment (for the funnel) and converts the user's Stripe trial.
--
-- KEYS[1]  ledger hash        ("obj:<id>" -> 1; "pi:<payment intent>" -> "plan|currency")
-- KEYS[2]  revenue month hash ("plan|currency|paid", "|invoices", "|refunded", "|refunds")
-- KEYS[3]  MRR customers hash (user id -> "mrrMinor|currency|everPaying|trial")
-- KEYS[4]  MRR month hash     ("trials|converted" of the month the money moved in)
-- KEYS[5]  MRR state hash     ("firstMonth")
-- KEYS[6]  checkouts hash     ("paid:<user>" -> ms of the first paid invoice)
-- ARGV[1]  Stripe object id
-- ARGV[2]  kind               ("paid" or "refund")
-- ARGV[3]  plan id            (or "unknown")
-- ARGV[4]  currency
-- ARGV[5]  amount, minor units, >= 0
-- ARGV[6]  payment intent of a paid invoice, or ""
-- ARGV[7]  user id, or ""
-- ARGV[8]  when the money moved, ms
-- ARGV[9]  its UTC month (YYYY-MM)
--
-- Output: 1 when recorded, 0 when this object was recorded before.
if redis.call('HSETNX', KEYS[1], 'obj:' .. ARGV[1], 1) == 0 then return 0 end
local field = ARGV[3] .. '|' .. ARGV[4] .. '|'
local amount = tonumber(ARGV[5])
if ARGV[2] == 'refund' then
  if amount > 0 then
    redis.call('HINCRBY', KEYS[2], field .. 'refunded', amount)
    redis.call('HINCRBY', KEYS[2], field .. 'refunds', 1)
  end
  return 1
end
if ARGV[6] ~= '' then redis.call('HSET', KEYS[1], 'pi:' .. ARGV[6], ARGV[3] .. '|' .. ARGV[4]) end
if amount <= 0 then return 1 end
redis.call('HINCRBY', KEYS[2], field .. 'paid', amount)
redis.call('HINCRBY', KEYS[2], field .. 'invoices', 1)
if ARGV[7] == '' then return 1 end
redis.call('HSETNX', KEYS[6], 'paid:' .. ARGV[7], ARGV[8])
local state = redis.call('HGET', KEYS[3], ARGV[7])
if state then
  local mrr, currency, ever, trial = string.match(state, '^([^|]*)|([^|]*)|([^|]*)|([^|]*)$')
  if trial == 'trialing' then
    redis.call('HSET', KEYS[3], ARGV[7], mrr .. '|' .. currency .. '|' .. ever .. '|converted')
    redis.call('HINCRBY', KEYS[4], 'trials|converted', 1)
    local first = redis.call('HGET', KEYS[5], 'firstMonth')
    if not first or ARGV[9] < first then redis.call('HSET', KEYS[5], 'firstMonth', ARGV[9]) end
  end
end
return 1
