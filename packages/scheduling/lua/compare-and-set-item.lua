-- compare-and-set-item: change one user item (timer, alarm, reminder) only if nobody changed
-- it since it was read, and record the device event for the change in the same step.
--
-- KEYS[1]  item key             (string, JSON with a numeric "version" field)
-- KEYS[2]  item index           (sorted set of the user's item ids of this kind)
-- KEYS[3]  events stream        (the user's device events)
-- ARGV[1]  expected version     ("0" = the item must not exist yet)
-- ARGV[2]  new item JSON        (its "version" must be expected + 1)
-- ARGV[3]  item id              (member of the index)
-- ARGV[4]  index score          (creation time, ms)
-- ARGV[5]  item TTL, seconds    ("0" = keep; finished items get one so they age out)
-- ARGV[6]  event type           ("" = no event)
-- ARGV[7]  event data JSON
-- ARGV[8]  stream cap           (approximate MAXLEN)
-- ARGV[9]  pub/sub channel      (announces the new event id; "" = none)
--
-- Output: the event id ("" when no event), or false when the version did not match.
-- All keys carry the user's hash tag, so this is legal on Redis Cluster.
local current = redis.call('GET', KEYS[1])
local expected = tonumber(ARGV[1])
if current then
  if cjson.decode(current).version ~= expected then return false end
elseif expected ~= 0 then
  return false
end

local ttl = tonumber(ARGV[5])
if ttl > 0 then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ttl)
else
  redis.call('SET', KEYS[1], ARGV[2])
end
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])

if ARGV[6] == '' then return '' end
local id = redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[8], '*', 'type', ARGV[6], 'data', ARGV[7])
if ARGV[9] ~= '' then redis.call('PUBLISH', ARGV[9], id) end
return id
