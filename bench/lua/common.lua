-- Shared by the bench/lua/*.lua wrk scripts (loaded with dofile). Gives each wrk thread its number
-- (`id`, 0-based) and the thread count, counts responses whose status is not the expected one
-- (LK_EXPECT, default "200 201"), paces requests when LK_RATE is set (open loop, see below), and
-- prints the report lines that bench/lib.sh reads:
--   requests/s, p50/p90/p99/max in ms, unexpected statuses, socket errors, late sends, pool state.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } lk_timespec;
  int clock_gettime(int clk_id, lk_timespec *tp);
]]
local ts = ffi.new("lk_timespec")

function lk_now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

lk_threads = tonumber(os.getenv("LK_THREADS") or "2")
lk_expected = {}
for code in string.gmatch(os.getenv("LK_EXPECT") or "200 201", "%d+") do
  lk_expected[tonumber(code)] = true
end

-- Values each thread keeps and done() adds up.
unexpected = 0      -- responses with a status other than LK_EXPECT
late = 0            -- open loop: sends more than 10 ms behind their schedule
exhausted = 0       -- single-use pools: requests the pool could not supply
last_status = ""    -- the last unexpected status and the start of its body, for the report

local threads = {}
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function lk_count(status, body)
  if not lk_expected[status] then
    unexpected = unexpected + 1
    if unexpected <= 1 then
      last_status = tostring(status) .. " " .. string.sub(body or "", 1, 160)
    end
    return false
  end
  return true
end

-- Open loop: LK_RATE requests/s in total, LK_RATE / threads per thread. Each call to delay() takes the
-- next slot of the thread's fixed schedule and waits until it; a connection that comes back late
-- sends at once (so the rate holds as long as connections are free), and such sends are counted as
-- late: many late sends mean the server did not keep up and the latency figures are optimistic
-- (wrk measures from the actual send, not from the slot).
local rate = tonumber(os.getenv("LK_RATE") or "")
if rate and rate > 0 then
  local interval = 1000 / (rate / lk_threads)
  local next_at = nil
  function delay()
    local now = lk_now_ms()
    if next_at == nil then next_at = now end
    next_at = next_at + interval
    local wait = next_at - now
    if wait < -10 then late = late + 1 end
    if wait <= 0 then return 0 end
    return math.floor(wait + 0.5)
  end
end

-- Lines of a pool file (tab-separated fields), this thread's share of them: line i goes to thread
-- (i - 1) % threads, so threads never share a single-use value. every=true: all the lines.
function lk_read_pool(path, every)
  local mine = {}
  local f = assert(io.open(path, "r"), "cannot open pool file " .. tostring(path))
  local i = 0
  for line in f:lines() do
    if line ~= "" then
      if every or i % lk_threads == id then
        local fields = {}
        for field in string.gmatch(line, "[^\t]+") do table.insert(fields, field) end
        table.insert(mine, fields)
      end
      i = i + 1
    end
  end
  f:close()
  return mine
end

-- Replaces {1}, {2}, ... with the fields of a pool line, and {n} with a run-unique number.
function lk_fill(template, fields, n)
  return (string.gsub(template, "{(%w+)}", function(key)
    if key == "n" then return tostring(n) end
    return fields[tonumber(key)] or ""
  end))
end

function done(summary, latency, requests)
  local u, l, e, status = 0, 0, 0, ""
  for _, t in ipairs(threads) do
    u = u + (t:get("unexpected") or 0)
    l = l + (t:get("late") or 0)
    e = e + (t:get("exhausted") or 0)
    local s = t:get("last_status")
    if s and s ~= "" then status = s end
  end
  local errs = summary.errors
  io.write(string.format("LK requests %d\n", summary.requests))
  io.write(string.format("LK duration_s %.3f\n", summary.duration / 1e6))
  io.write(string.format("LK rps %.0f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("LK p50_ms %.2f\nLK p90_ms %.2f\nLK p99_ms %.2f\nLK max_ms %.2f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
  io.write(string.format("LK unexpected %d\n", u))
  io.write(string.format("LK socket_errors %d\n",
    errs.connect + errs.read + errs.write + errs.timeout))
  io.write(string.format("LK late %d\n", l))
  io.write(string.format("LK exhausted %d\n", e))
  if status ~= "" then
    io.write("LK example " .. string.gsub(status, "[\r\n]", " ") .. "\n")
  end
end
