-- Takes from a token bucket, atomically, in one round trip (Latchkey's RedisRateLimiter).
-- KEYS[1]: the bucket. ARGV: now (microseconds since the epoch, the caller's clock), capacity (burst),
-- rate (tokens per period), period (microseconds), and optionally count: how many requests ask for one
-- token each (default 1; a node sends several requests for one bucket together, see Coalescer.java),
-- extra: tokens the node would like in advance for requests still to come (default 0; see Leases.java) and
-- reserve: extra tokens are granted only from what exceeds count + reserve, so that the last reserve tokens
-- always go one request at a time; returned: tokens given back before the take (what a node had left of an
-- expired advance, default 0), up to the capacity.
-- The bucket refills continuously at rate/period up to capacity; the requests take one token each while
-- there is a whole one, in order. Returns {tokens granted (0..count), whole tokens left, microseconds until
-- one token is back when a request was refused (0 when all were granted), extra tokens granted}. The key
-- expires once the bucket would be full again, so Redis keeps only buckets in use.
local now = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local period = tonumber(ARGV[4])
local count = tonumber(ARGV[5] or '1')
local extra_wanted = tonumber(ARGV[6] or '0')
local reserve = tonumber(ARGV[7] or '0')
local returned = tonumber(ARGV[8] or '0')
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = capacity
  at = now
end
if now > at then
  tokens = math.min(capacity, tokens + (now - at) * rate / period)
  at = now
end
if returned > 0 then
  tokens = math.min(capacity, tokens + returned)
end
local granted = 0
local extra = 0
local wait = 0
local whole = math.max(0, math.floor(tokens))
granted = math.min(count, whole)
if granted == count and extra_wanted > 0 then
  extra = math.max(0, math.min(extra_wanted, whole - count - reserve))
end
tokens = tokens - granted - extra
if granted < count then
  wait = math.ceil((1 - tokens) * period / rate)
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%.17g', at))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) * period / rate / 1000) + 1000)
return {granted, math.floor(tokens), wait, extra}
