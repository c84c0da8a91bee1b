-- compare-and-set-json: replace a JSON document only if nobody changed it since it was read,
-- and announce the change on a pub/sub channel in the same step, so a reader that drops its
-- cache on the message can never re-read the old document afterwards.
--
-- KEYS[1]  document key         (string, JSON)
-- ARGV[1]  expected JSON        (the exact string read; "" = the key must not exist)
-- ARGV[2]  new JSON
-- ARGV[3]  pub/sub channel      ("" = none)
-- ARGV[4]  message              (published on the channel)
--
-- Output: 1 when written, 0 when the document changed meanwhile (read again and retry).
local current = redis.call('GET', KEYS[1])
if current == false then current = '' end
if current ~= ARGV[1] then return 0 end

redis.call('SET', KEYS[1], ARGV[2])
if ARGV[3] ~= '' then redis.call('PUBLISH', ARGV[3], ARGV[4]) end
return 1
