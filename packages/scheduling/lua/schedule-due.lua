-- schedule-due: add work due at a time and, when it is now the earliest work, announce its due time,
-- in one round trip. Schedulers sleep until the earliest due time they know of (claim-due.lua tells
-- them) and are woken early only by an announcement, so only new earliest work needs one: later
-- work is found when they wake for the earlier. That spares every scheduler instance a message per
-- timer set behind others, which is nearly every timer once there are many users. The announcement
-- is published after the work is stored, so a scheduler woken by it always finds the work (on Redis
-- Cluster too, where a separate PUBLISH could reach another node first).
--
-- KEYS[1]  due work             (sorted set: member -> due time in ms)
-- ARGV[1]  due time, ms         (integer)
-- ARGV[2]  member               (string; adding the same member again only moves its score)
-- ARGV[3]  channel              (pub/sub channel schedulers listen on; the message is the due time)
--
-- Output: 1 when the member is new, 0 when it was already scheduled. One key: legal on Redis Cluster.
local added = redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
local first = redis.call('ZRANGE', KEYS[1], 0, 0)
if first[1] == ARGV[2] then redis.call('PUBLISH', ARGV[3], ARGV[1]) end
return added
