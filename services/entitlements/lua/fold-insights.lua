-- fold-insights: commit one batch of interaction events into the insights rollups and move the
-- cursor past it, in one step, only if the cursor is still where this folder read the batch
-- from. Two folders that read the same batch (a lock that expired under a stalled holder) can
-- therefore never both count it: the second finds the cursor moved and commits nothing.
--
-- KEYS[1]   state hash        (cursor, eventsFolded, internalSkipped, lastEventAtMs, foldedAtMs)
-- KEYS[2]   gate hits hash    (user id -> "ms|YYYY-MM-DD" of the user's first upsell)
-- KEYS[3]   upgrades hash     (user id -> "ms|plan|source" of the first move onto a priced plan)
-- KEYS[4]   gate days hash    ("YYYY-MM-DD|hits", "…|upgraded7", "…|upgraded30")
-- KEYS[5..] rollup keys, named by their index in ARGV[6]
-- ARGV[1]   expected cursor   ("" = nothing folded yet)
-- ARGV[2]   new cursor        (id of the batch's last stream entry)
-- ARGV[3]   entries in the batch (malformed ones included: the cursor passes them too)
-- ARGV[4]   time of the batch's newest event, ms
-- ARGV[5]   now, ms
-- ARGV[6]   JSON: {"hincr": [[key index, field, "amount"]], "pfadd": [[key index, member, …]],
--                  "zincr": [[key index, member, "amount"]], "expire": [[key index, seconds]],
--                  "gate": [[user id, "ms", "YYYY-MM-DD"]],  (gate: each user's first upsell in the batch)
--                  "skipped": n}                            (events of internal users, left out)
--
-- Output: 1 when committed, 0 when another folder moved the cursor meanwhile (nothing written).
local cursor = redis.call('HGET', KEYS[1], 'cursor') or ''
if cursor ~= ARGV[1] then return 0 end

local ops = cjson.decode(ARGV[6])
for _, op in ipairs(ops.hincr or {}) do redis.call('HINCRBY', KEYS[op[1]], op[2], op[3]) end
for _, op in ipairs(ops.pfadd or {}) do
  redis.call('PFADD', KEYS[op[1]], unpack(op, 2))
end
for _, op in ipairs(ops.zincr or {}) do redis.call('ZINCRBY', KEYS[op[1]], op[3], op[2]) end
for _, op in ipairs(ops.expire or {}) do redis.call('EXPIRE', KEYS[op[1]], op[2]) end

-- A first gate hit folded after the user's first upgrade was recorded counts the conversion
-- here; the other order is counted by record-upgrade.lua. Whichever runs second counts it.
local WEEK, MONTH = 7 * 86400000, 30 * 86400000
for _, hit in ipairs(ops.gate or {}) do
  local user, at, day = hit[1], tonumber(hit[2]), hit[3]
  if redis.call('HSETNX', KEYS[2], user, hit[2] .. '|' .. day) == 1 then
    redis.call('HINCRBY', KEYS[4], day .. '|hits', 1)
    local upgrade = redis.call('HGET', KEYS[3], user)
    local upgradedAt = upgrade and tonumber(string.match(upgrade, '^(%d+)'))
    if upgradedAt and upgradedAt >= at then
      if upgradedAt - at <= WEEK then redis.call('HINCRBY', KEYS[4], day .. '|upgraded7', 1) end
      if upgradedAt - at <= MONTH then redis.call('HINCRBY', KEYS[4], day .. '|upgraded30', 1) end
    end
  end
end

redis.call('HSET', KEYS[1], 'cursor', ARGV[2], 'lastEventAtMs', ARGV[4], 'foldedAtMs', ARGV[5])
redis.call('HINCRBY', KEYS[1], 'eventsFolded', ARGV[3])
if (ops.skipped or 0) > 0 then redis.call('HINCRBY', KEYS[1], 'internalSkipped', ops.skipped) end
return 1
