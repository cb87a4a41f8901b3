-- One request against a token bucket, atomically, in one round trip (Latchkey's RedisRateLimiter).
-- KEYS[1]: the bucket. ARGV: now (microseconds since the epoch, the caller's clock), capacity (burst),
-- rate (tokens per period), period (microseconds). The bucket refills continuously at rate/period up to
-- capacity; a request takes one token if there is one. Returns {allowed 0|1, whole tokens left,
-- microseconds until one token is back when refused (0 when allowed)}. The key expires once the bucket
-- would be full again, so Redis keeps only buckets in use.
local now = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local period = tonumber(ARGV[4])
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
local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait = math.ceil((1 - tokens) * period / rate)
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%.17g', at))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) * period / rate / 1000) + 1000)
return {allowed, math.floor(tokens), wait}
