// A relying party built on panva's openid-client (OpenID Certified) run against a started Latchkey:
// discovery -> authorization code with PKCE (the login form filled in over plain HTTP, no browser) ->
// ID token validation -> userinfo -> refresh -> revocation -> the revoked refresh token refused.
// Settings come from the environment; every step prints one JSON line; any failure exits non-zero.
import * as client from 'openid-client';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`missing ${name}`);
  return value;
};
const issuer = new URL(env('ISSUER'));
const redirectUri = env('REDIRECT_URI');
const step = (name, data) => console.log(JSON.stringify({ step: name, ...data }));

// A tiny cookie jar and form filler: enough to walk Latchkey's login pages like a browser would.
const cookies = new Map();
function remember(response) {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const eq = pair.indexOf('=');
    cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
}
const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const decode = (s) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x2F;/g, '/').replace(/&#47;/g, '/');
const attr = (tag, name) => {
  const m = tag.match(new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i'));
  return m ? decode(m[2] ?? m[3]) : undefined;
};

async function login(authorizationUrl, username, password) {
  let url = authorizationUrl.href;
  let init = { method: 'GET' };
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers || {}), cookie: cookieHeader() } });
    remember(response);
    if (response.status >= 300 && response.status < 400) {
      const location = new URL(response.headers.get('location'), url).href;
      if (location.startsWith(redirectUri)) return new URL(location);
      url = location;
      init = { method: 'GET' };
      continue;
    }
    const html = await response.text();
    const form = html.match(/<form[^>]*>[\s\S]*?<\/form>/i);
    if (response.status !== 200 || !form) throw new Error(`expected a login form at ${url}, got ${response.status}: ${html.slice(0, 300)}`);
    const formTag = form[0].match(/<form[^>]*>/i)[0];
    const fields = new URLSearchParams();
    for (const input of form[0].match(/<input[^>]*>/gi) || []) {
      const name = attr(input, 'name');
      if (!name) continue;
      const type = (attr(input, 'type') || 'text').toLowerCase();
      if (type === 'password') fields.set(name, password);
      else if (type === 'text' || type === 'email') fields.set(name, username);
      else if (type !== 'submit' && type !== 'checkbox') fields.set(name, attr(input, 'value') ?? '');
    }
    url = new URL(attr(formTag, 'action') || url, url).href;
    init = { method: (attr(formTag, 'method') || 'POST').toUpperCase(), body: fields.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error('too many redirects');
}

const config = await client.discovery(issuer, env('CLIENT_ID'), env('CLIENT_SECRET'), undefined,
  { execute: [client.allowInsecureRequests] });
step('discovery', { issuer: config.serverMetadata().issuer });

const verifier = client.randomPKCECodeVerifier();
const nonce = client.randomNonce();
const state = client.randomState();
const authorizationUrl = client.buildAuthorizationUrl(config, {
  redirect_uri: redirectUri, scope: env('SCOPE'), state, nonce,
  code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
});
const callback = await login(authorizationUrl, env('USERNAME'), env('PASSWORD'));
step('login', { iss: callback.searchParams.get('iss') });

const tokens = await client.authorizationCodeGrant(config, callback,
  { pkceCodeVerifier: verifier, expectedNonce: nonce, expectedState: state, idTokenExpected: true });
const claims = tokens.claims();
step('code', { sub: claims.sub, nonce: claims.nonce, has_refresh_token: !!tokens.refresh_token, scope: tokens.scope });

const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
step('userinfo', userinfo);

const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
step('refresh', { rotated: refreshed.refresh_token !== tokens.refresh_token, sub: refreshed.claims()?.sub });

const introspected = await client.tokenIntrospection(config, refreshed.access_token);
step('introspect', { active: introspected.active, sub: introspected.sub });

await client.tokenRevocation(config, refreshed.refresh_token, { token_type_hint: 'refresh_token' });
let refusedAfterRevocation = false;
try {
  await client.refreshTokenGrant(config, refreshed.refresh_token);
} catch (e) {
  refusedAfterRevocation = e.error === 'invalid_grant';
}
const afterRevocation = await client.tokenIntrospection(config, refreshed.access_token);
step('revocation', { refresh_refused: refusedAfterRevocation, access_token_active: afterRevocation.active });
