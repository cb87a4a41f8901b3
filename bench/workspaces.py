#!/usr/bin/env python3
"""Creates N workspaces with M applications each through the Admin API (keep-alive HTTP).

usage: workspaces.py BASE_URL ADMIN_CLIENT_ID ADMIN_SECRET N M
Prints the client_id and secret of one application of the last workspace as "WORKSPACE CLIENT_ID SECRET".
"""
import base64, http.client, json, sys, time, urllib.parse

base, cid, secret, n, m = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
url = urllib.parse.urlparse(base)
conn = http.client.HTTPConnection(url.hostname, url.port)

def call(method, path, body=None, headers=None, form=False):
    h = dict(headers or {})
    if body is not None and not form:
        body = json.dumps(body)
        h["Content-Type"] = "application/json"
    conn.request(method, path, body=body, headers=h)
    r = conn.getresponse()
    data = r.read()
    if r.status >= 300:
        raise SystemExit(f"{method} {path}: {r.status} {data[:300]!r}")
    return json.loads(data) if data else None

token_at = 0
token = None
def admin():
    global token, token_at
    if token is None or time.time() - token_at > 1800:
        basic = base64.b64encode(f"{cid}:{secret}".encode()).decode()
        token = call("POST", "/default/admin/oauth2/token", "grant_type=client_credentials",
                     {"Authorization": "Basic " + basic, "Content-Type": "application/x-www-form-urlencoded"},
                     form=True)["access_token"]
        token_at = time.time()
    return {"Authorization": "Bearer " + token}

started = time.time()
last = None
for i in range(n):
    wid = f"bench-{i:05d}"
    call("POST", "/api/admin/default/servers",
         {"tenant_id": "default", "id": wid, "name": wid, "grant_types": ["client_credentials"]}, admin())
    for j in range(m):
        c = call("POST", "/api/admin/default/clients",
                 {"tenant_id": "default", "authorization_server_id": wid, "client_name": f"app-{j}",
                  "grant_types": ["client_credentials"], "token_endpoint_auth_method": "client_secret_post"},
                 admin())
        last = (wid, c["client_id"], c["client_secret"])
    if (i + 1) % 100 == 0:
        print(f"  {i + 1} workspaces in {time.time() - started:.0f} s", file=sys.stderr)
print(*last)
