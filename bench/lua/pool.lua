-- One request per line of a pool file (LK_POOL, tab-separated fields): the path LK_PATH and body
-- LK_BODY are templates in which {1}, {2}, ... are the line's fields and {n} a run-unique number;
-- LK_HEADERS as in form.lua (also a template). LK_ONCE=1: each line is used once (authorization
-- codes); when this thread's share runs out it stops and the report says the pool was exhausted (the
-- rate is then not valid: make the pool larger). Otherwise the lines are cycled (tokens to introspect,
-- clients of many workspaces). With no LK_POOL, only {n} is filled (e.g. admin create-workspace).
-- When no template holds {n}, each line's request is formatted once, at the start, and request()
-- only picks the next one: with 10,000 lines the per-request templating took ~10 % of a core more
-- than the one-line pool (bench/results/2026-11-28-ws10k-1-vs-10000.txt, "others%"), and that CPU is
-- the server's on a shared machine.
dofile(os.getenv("LK_LUA") .. "/common.lua")

local path_t = os.getenv("LK_PATH") or "/"
local body_t = os.getenv("LK_BODY")
local method = os.getenv("LK_METHOD") or "POST"
local once = os.getenv("LK_ONCE") == "1"
local header_t = {}
for name, value in string.gmatch(os.getenv("LK_HEADERS") or "", "([^:|]+):%s*([^|]+)") do
  header_t[name] = value
end
if method == "POST" and header_t["Content-Type"] == nil then
  header_t["Content-Type"] = "application/x-www-form-urlencoded"
end

local pool, prepared, size, next_line, n = nil, nil, 0, 1, 0

local function uses_n(template)
  return template ~= nil and string.find(template, "{n}", 1, true) ~= nil
end

local function format(fields, unique)
  local headers = {}
  for name, value in pairs(header_t) do headers[name] = lk_fill(value, fields, unique) end
  return wrk.format(method, lk_fill(path_t, fields, unique), headers,
    body_t and lk_fill(body_t, fields, unique) or nil)
end

function init(args)
  id = id or 0
  if os.getenv("LK_POOL") then
    pool = lk_read_pool(os.getenv("LK_POOL"))
    size = #pool
    if size == 0 and not once then -- fewer lines than threads: cycling may share them
      pool = lk_read_pool(os.getenv("LK_POOL"), true)
      size = #pool
    end
    local dynamic = uses_n(path_t) or uses_n(body_t)
    for _, value in pairs(header_t) do dynamic = dynamic or uses_n(value) end
    if not dynamic then
      prepared = {}
      for i, fields in ipairs(pool) do prepared[i] = format(fields, "") end
    end
  end
end

function request()
  n = n + 1
  local fields = {}
  if pool then
    if next_line > size then
      if once then
        exhausted = exhausted + 1
        wrk.thread:stop()
        return wrk.format("GET", "/alive")
      end
      next_line = 1
    end
    fields = pool[next_line]
    next_line = next_line + 1
    if prepared then
      return prepared[next_line - 1]
    end
  end
  return format(fields, string.format("%d-%d", id, n))
end

function response(status, headers, body)
  lk_count(status, body)
end
