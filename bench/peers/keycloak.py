#!/usr/bin/env python3
"""Configures a Keycloak started by bench/peers/run.sh through its Admin REST API (python3, standard library):
a realm whose default signature algorithm is ES256, with a generated P-256 key, and one confidential client
with service accounts (client_credentials; client secret accepted as client_secret_post or basic).

usage: keycloak.py BASE_URL REALM CLIENT_ID CLIENT_SECRET   (admin user: env KC_ADMIN, KC_ADMIN_PASSWORD)
"""
import json, os, sys, urllib.error, urllib.parse, urllib.request

base, realm, client_id, secret = sys.argv[1:5]


def call(method, path, body=None, token=None, form=False):
    data, headers = None, {}
    if token:
        headers["Authorization"] = "Bearer " + token
    if body is not None:
        if form:
            data = urllib.parse.urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        else:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
    req = urllib.request.Request(base + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            text = r.read()
            return json.loads(text) if text else None
    except urllib.error.HTTPError as e:
        raise SystemExit(f"{method} {path}: {e.code} {e.read()[:300]!r}")


token = call("POST", "/realms/master/protocol/openid-connect/token", {
    "grant_type": "password", "client_id": "admin-cli",
    "username": os.environ.get("KC_ADMIN", "admin"), "password": os.environ.get("KC_ADMIN_PASSWORD", "admin"),
}, form=True)["access_token"]

call("POST", "/admin/realms", {"realm": realm, "enabled": True, "defaultSignatureAlgorithm": "ES256",
                               "accessTokenLifespan": 3600}, token)
realm_id = call("GET", f"/admin/realms/{realm}", token=token)["id"]
# An explicit ES256 key (Keycloak would otherwise make a fallback one on the first token).
call("POST", f"/admin/realms/{realm}/components", {
    "name": "bench-es256", "providerId": "ecdsa-generated", "providerType": "org.keycloak.keys.KeyProvider",
    "parentId": realm_id,
    "config": {"priority": ["200"], "enabled": ["true"], "active": ["true"], "ecdsaEllipticCurveKey": ["P-256"]},
}, token)
call("POST", f"/admin/realms/{realm}/clients", {
    "clientId": client_id, "enabled": True, "protocol": "openid-connect", "publicClient": False,
    "clientAuthenticatorType": "client-secret", "secret": secret, "serviceAccountsEnabled": True,
    "standardFlowEnabled": False, "directAccessGrantsEnabled": False, "implicitFlowEnabled": False,
}, token)
keys = call("GET", f"/admin/realms/{realm}/keys", token=token)
print("keycloak realm", realm, "active keys:", ", ".join(sorted(keys.get("active", {}))), file=sys.stderr)
