-- Refresh-token rotation: each refresh token is single use and every response carries the next one.
-- Each thread keeps a queue of live refresh tokens (its share of LK_POOL, at least a few per
-- connection): request() takes the oldest, response() puts the new one from the body back. A failed
-- response loses its token (counted as unexpected); when a thread's queue is empty the request is
-- counted as exhausted and sent with an invalid token. Client authentication: LK_HEADERS (Basic).
dofile(os.getenv("LK_LUA") .. "/common.lua")

local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
for name, value in string.gmatch(os.getenv("LK_HEADERS") or "", "([^:|]+):%s*([^|]+)") do
  headers[name] = value
end
local path = os.getenv("LK_PATH")
local queue, head, tail = {}, 1, 0

function init(args)
  id = id or 0
  for _, fields in ipairs(lk_read_pool(os.getenv("LK_POOL"))) do
    tail = tail + 1
    queue[tail] = fields[1]
  end
end

function request()
  local token = "exhausted"
  if head <= tail then
    token = queue[head]
    queue[head] = nil
    head = head + 1
  else
    exhausted = exhausted + 1
  end
  return wrk.format("POST", path, headers, "grant_type=refresh_token&refresh_token=" .. token)
end

function response(status, headers, body)
  if lk_count(status, body) then
    local token = string.match(body, '"refresh_token"%s*:%s*"([^"]+)"')
    if token then
      tail = tail + 1
      queue[tail] = token
    end
  end
end
