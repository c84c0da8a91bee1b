-- release-lock: delete a lock only if this holder still owns it. A holder that overran the
-- lock's TTL must not delete the lock another holder took meanwhile.
--
-- KEYS[1]  lock key             (string: the holder's token, with a TTL)
-- ARGV[1]  holder token
--
-- Output: 1 when released, 0 when the lock was gone or held by someone else.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
