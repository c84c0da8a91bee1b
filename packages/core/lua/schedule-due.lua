-- schedule-due: add work due at a time and announce the due time, in one round trip. The
-- announcement is published after the work is stored, so a scheduler woken by it always
-- finds the work (on Redis Cluster too, where a separate PUBLISH could reach another node first).
--
-- KEYS[1]  due work             (sorted set: member -> due time in ms)
-- ARGV[1]  due time, ms         (integer)
-- ARGV[2]  member               (string; adding the same member again only moves its score)
-- ARGV[3]  channel              (pub/sub channel schedulers listen on; the message is the due time)
--
-- Output: 1 when the member is new, 0 when it was already scheduled. One key: legal on Redis Cluster.
local added = redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('PUBLISH', ARGV[3], ARGV[1])
return added
