#!/usr/bin/env python3
"""Creates benchmark workloads through Latchkey's Admin API and OAuth endpoints (python3, standard
library only). Every command prints its result on standard output, one record a line, fields
separated by tabs; progress goes to standard error.

usage: setup.py BASE_URL COMMAND ARGS...   (the admin client: env LK_ADMIN_ID, LK_ADMIN_SECRET)
  client WS KEY_TYPE STRATEGY AUTH [SCOPES]   workspace WS (key_type ecdsa|rsa, access_token_strategy
                                              jwt|opaque) with one client_credentials application using
                                              client_secret_AUTH (basic|post): "CLIENT_ID SECRET"
  app WS AUTH [SCOPES]                        one more application in workspace WS: "CLIENT_ID SECRET"
  tokens WS CLIENT_ID SECRET N                N fresh client_credentials access tokens, one a line
  oidc WS                                     workspace WS for the code flow: a static IDP with one user,
                                              a web application (client_secret_basic, PKCE):
                                              "CLIENT_ID SECRET"
  codes WS CLIENT_ID N                        logs in once, then N authorization codes from the SSO
                                              session (PKCE S256 with the verifier VERIFIER below)
  refresh WS CLIENT_ID SECRET N               N refresh tokens, each of its own grant (code flow)
  workspaces N M                              N workspaces x M client_credentials applications:
                                              "WS CLIENT_ID SECRET" for the first application of each
Concurrency: env LK_SETUP_THREADS (default 4), one keep-alive connection per thread.
"""
import base64, concurrent.futures, hashlib, http.client, json, os, re, sys, threading, time
import urllib.parse

VERIFIER = "bench-pkce-verifier-0123456789-0123456789-0123456789"
CHALLENGE = base64.urlsafe_b64encode(hashlib.sha256(VERIFIER.encode()).digest()).rstrip(b"=").decode()
REDIRECT_URI = "http://127.0.0.1:9/callback"
USER, PASSWORD = "bench-user", "bench-password-2026"
TENANT = "default"

base = urllib.parse.urlparse(sys.argv[1])
local = threading.local()
THREADS = int(os.environ.get("LK_SETUP_THREADS", "4"))


def conn():
    if getattr(local, "conn", None) is None:
        local.conn = http.client.HTTPConnection(base.hostname, base.port, timeout=60)
    return local.conn


def call(method, path, body=None, headers=None, expect=(200, 201)):
    """One request on this thread's connection; returns (status, headers, body bytes)."""
    h = dict(headers or {})
    if isinstance(body, (dict, list)):
        body = json.dumps(body)
        h["Content-Type"] = "application/json"
    elif isinstance(body, str):
        h.setdefault("Content-Type", "application/x-www-form-urlencoded")
    for attempt in range(2):
        try:
            c = conn()
            c.request(method, path, body=body, headers=h)
            r = c.getresponse()
            data = r.read()
            break
        except (http.client.HTTPException, OSError):
            local.conn = None
            if attempt:
                raise
    if expect and r.status not in expect:
        raise SystemExit(f"{method} {path}: {r.status} {data[:300]!r}")
    return r.status, r.headers, data


def basic(cid, secret):
    q = urllib.parse.quote
    return "Basic " + base64.b64encode(f"{q(cid, safe='')}:{q(secret, safe='')}".encode()).decode()


_admin = {"token": None, "at": 0}
_admin_lock = threading.Lock()


def admin():
    with _admin_lock:
        if _admin["token"] is None or time.time() - _admin["at"] > 1800:
            _, _, data = call("POST", f"/{TENANT}/admin/oauth2/token", "grant_type=client_credentials",
                              {"Authorization": basic(os.environ["LK_ADMIN_ID"], os.environ["LK_ADMIN_SECRET"])})
            _admin["token"], _admin["at"] = json.loads(data)["access_token"], time.time()
        return {"Authorization": "Bearer " + _admin["token"]}


def create_workspace(ws, key_type="ecdsa", strategy="jwt", grant_types=("client_credentials",), **extra):
    body = {"tenant_id": TENANT, "id": ws, "name": ws, "type": "regular", "key_type": key_type,
            "access_token_strategy": strategy, "grant_types": list(grant_types)}
    body.update(extra)
    call("POST", f"/api/admin/{TENANT}/servers", body, admin())


def create_client(ws, auth, scopes=(), **extra):
    body = {"tenant_id": TENANT, "authorization_server_id": ws, "client_name": "bench",
            "grant_types": ["client_credentials"], "token_endpoint_auth_method": f"client_secret_{auth}",
            "scopes": list(scopes)}
    body.update(extra)
    c = json.loads(call("POST", f"/api/admin/{TENANT}/clients", body, admin())[2])
    return c["client_id"], c["client_secret"]


def parallel(n, fn, label):
    """fn(i) for i in 0..n-1 on THREADS threads; results in order, with progress on stderr."""
    started, done = time.time(), [0]
    lock = threading.Lock()

    def run(i):
        result = fn(i)
        with lock:
            done[0] += 1
            if done[0] % 5000 == 0 or (n >= 1000 and done[0] % 1000 == 0 and label == "workspaces"):
                print(f"  {done[0]}/{n} {label} in {time.time() - started:.0f} s", file=sys.stderr)
        return result

    with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(run, range(n)))
    print(f"  {n} {label} in {time.time() - started:.1f} s", file=sys.stderr)
    return results


def cmd_client(ws, key_type, strategy, auth, scopes=""):
    create_workspace(ws, key_type, strategy)
    print(*create_client(ws, auth, scopes.split()), sep="\t")


def cmd_app(ws, auth, scopes=""):
    print(*create_client(ws, auth, scopes.split()), sep="\t")


def cmd_tokens(ws, cid, secret, n):
    form = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": cid, "client_secret": secret})
    tokens = parallel(int(n), lambda i: json.loads(
        call("POST", f"/{TENANT}/{ws}/oauth2/token", form)[2])["access_token"], "tokens")
    sys.stdout.write("".join(t + "\n" for t in tokens))


def cmd_oidc(ws):
    create_workspace(ws, grant_types=("authorization_code", "refresh_token", "client_credentials"),
                     enforce_pkce=True)
    call("POST", f"/api/admin/{TENANT}/servers/{ws}/idps/static", {
        "id": "bench", "tenant_id": TENANT, "authorization_server_id": ws, "name": "Bench", "method": "static",
        "disabled": False, "mappings": [{"source": ".", "target": ".", "type": "any", "allow_weak_decoding": False}],
        "credentials": {"users": [{"username": USER, "password": PASSWORD,
                                   "authentication_context": {"name": "Bench User", "email": "bench@example.com"}}]}},
         admin())
    print(*create_client(ws, "basic", ["openid", "profile", "email", "offline_access"],
                         grant_types=["authorization_code", "refresh_token"], response_types=["code"],
                         redirect_uris=[REDIRECT_URI]), sep="\t")


FORM = re.compile(r"<form[^>]*>.*?</form>", re.S | re.I)
INPUT = re.compile(r"<input[^>]*>", re.I)


def attr(tag, name):
    m = re.search(r"\s" + name + r"\s*=\s*(\"([^\"]*)\"|'([^']*)')", tag, re.I)
    if not m:
        return None
    raw = m.group(2) if m.group(2) is not None else m.group(3)
    for a, b in (("&quot;", '"'), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&#x2F;", "/"), ("&#47;", "/"),
                 ("&amp;", "&")):
        raw = raw.replace(a, b)
    return raw


def cookies_of(headers, jar):
    for value in headers.get_all("Set-Cookie") or []:
        name, _, rest = value.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]


def authorize_path(ws, cid, state):
    return f"/{TENANT}/{ws}/oauth2/authorize?" + urllib.parse.urlencode({
        "response_type": "code", "client_id": cid, "redirect_uri": REDIRECT_URI, "scope": "openid offline_access",
        "state": state, "code_challenge": CHALLENGE, "code_challenge_method": "S256"})


def code_of(location):
    query = urllib.parse.parse_qs(urllib.parse.urlparse(location).query)
    if "code" not in query:
        raise SystemExit(f"no code in {location}")
    return query["code"][0]


def login(ws, cid):
    """Walks the login pages like a browser (as LoginWalker does) and returns the cookie jar."""
    jar = {}
    method, path, body = "GET", authorize_path(ws, cid, "login"), None
    for _ in range(10):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())} if jar else {}
        status, h, data = call(method, path, body, headers, expect=None)
        cookies_of(h, jar)
        if 300 <= status < 400:
            location = h["Location"]
            if location.startswith(REDIRECT_URI):
                code_of(location)
                return jar
            target = urllib.parse.urljoin(f"http://{base.hostname}:{base.port}{path}", location)
            u = urllib.parse.urlparse(target)
            method, path, body = "GET", u.path + ("?" + u.query if u.query else ""), None
            continue
        html = data.decode()
        form = FORM.search(html)
        if status != 200 or not form:
            raise SystemExit(f"expected a login form at {path}, got {status}: {html[:300]}")
        fields = []
        for tag in INPUT.findall(form.group()):
            name, kind = attr(tag, "name"), (attr(tag, "type") or "text").lower()
            if name is None or kind in ("submit", "checkbox"):
                continue
            value = PASSWORD if kind == "password" else USER if kind in ("text", "email") else (attr(tag, "value") or "")
            fields.append((name, value))
        action = attr(form.group()[:form.group().index(">") + 1], "action")
        u = urllib.parse.urlparse(urllib.parse.urljoin(f"http://{base.hostname}:{base.port}{path}", action or path))
        method, path, body = "POST", u.path + ("?" + u.query if u.query else ""), urllib.parse.urlencode(fields)
    raise SystemExit("too many redirects during login")


def mint_codes(ws, cid, n):
    cookie = "; ".join(f"{k}={v}" for k, v in login(ws, cid).items())

    def one(i):
        status, h, data = call("GET", authorize_path(ws, cid, f"s{i}"), headers={"Cookie": cookie}, expect=(302, 303))
        return code_of(h["Location"])
    return parallel(n, one, "codes")


def cmd_codes(ws, cid, n):
    sys.stdout.write("".join(c + "\n" for c in mint_codes(ws, cid, int(n))))


def cmd_refresh(ws, cid, secret, n):
    codes = mint_codes(ws, cid, int(n))

    def one(i):
        form = urllib.parse.urlencode({"grant_type": "authorization_code", "code": codes[i],
                                       "redirect_uri": REDIRECT_URI, "code_verifier": VERIFIER})
        body = json.loads(call("POST", f"/{TENANT}/{ws}/oauth2/token", form, {"Authorization": basic(cid, secret)})[2])
        return body["refresh_token"]
    sys.stdout.write("".join(t + "\n" for t in parallel(int(n), one, "refresh tokens")))


def cmd_workspaces(n, m):
    def one(i):
        ws = f"bench-{i:05d}"
        create_workspace(ws)
        first = None
        for _ in range(int(m)):
            client = create_client(ws, "post")
            first = first or client
        return ws, *first
    for row in parallel(int(n), one, "workspaces"):
        print(*row, sep="\t")


if __name__ == "__main__":
    commands = {"client": cmd_client, "app": cmd_app, "tokens": cmd_tokens, "oidc": cmd_oidc, "codes": cmd_codes,
                "refresh": cmd_refresh, "workspaces": cmd_workspaces}
    if len(sys.argv) < 3 or sys.argv[2] not in commands:
        raise SystemExit(__doc__)
    commands[sys.argv[2]](*sys.argv[3:])
