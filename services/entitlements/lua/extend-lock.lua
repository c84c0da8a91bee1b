-- extend-lock: keep a lock alive while its holder still works, only if this holder still owns
-- it. Renewing lets a lock have a short TTL (a dead holder's lock frees itself soon) without a
-- slow but live holder ever losing it to a second one.
--
-- KEYS[1]  lock key             (string: the holder's token, with a TTL)
-- ARGV[1]  holder token
-- ARGV[2]  new TTL, ms
--
-- Output: 1 when extended, 0 when the lock was gone or held by someone else.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
