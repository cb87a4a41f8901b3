-- The same request again and again: LK_METHOD (POST), LK_BODY (a form, may be empty), LK_HEADERS
-- ("Name: value" pairs separated by "|"). Used for client_credentials, the trivial form POST and GET /alive.
dofile(os.getenv("LK_LUA") .. "/common.lua")

wrk.method = os.getenv("LK_METHOD") or "POST"
local body = os.getenv("LK_BODY") or ""
if wrk.method == "POST" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end
for name, value in string.gmatch(os.getenv("LK_HEADERS") or "", "([^:|]+):%s*([^|]+)") do
  wrk.headers[name] = value
end

function response(status, headers, body)
  lk_count(status, body)
end
