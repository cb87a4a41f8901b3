// Checks that a server's client_credentials token is a real ES256 JWT before bench/peers/run.sh measures it:
// asks for one token with the benchmark's own request, decodes the header (alg must be ES256), and verifies
// the signature against the keys the server publishes (jwks_uri of its discovery document).
//   node check.mjs NAME TOKEN_URL FORM_BODY DISCOVERY_URL
// Prints one line: NAME, the header, the claim names and the token's size; exits 1 on any failure.
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';

const [name, tokenUrl, body, discoveryUrl] = process.argv.slice(2);

function fail(message) {
  console.error(`${name}: ${message}`);
  process.exit(1);
}

const response = await fetch(tokenUrl, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body,
});
const text = await response.text();
if (response.status !== 200) fail(`token request: ${response.status} ${text.slice(0, 300)}`);
const token = JSON.parse(text).access_token;
if (typeof token !== 'string' || token.split('.').length !== 3) fail(`not a compact JWT: ${text.slice(0, 120)}`);

const header = decodeProtectedHeader(token);
if (header.alg !== 'ES256') fail(`header alg is ${header.alg}, not ES256: ${JSON.stringify(header)}`);

const discovery = await (await fetch(discoveryUrl)).json();
if (!discovery.jwks_uri) fail(`no jwks_uri in ${discoveryUrl}`);
try {
  const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(discovery.jwks_uri)), { algorithms: ['ES256'] });
  console.log(`${name}: ES256 JWT verified against ${discovery.jwks_uri}; header ${JSON.stringify(header)}; `
    + `claims ${Object.keys(payload).join(',')}; ${token.length} characters`);
} catch (e) {
  fail(`signature check against ${discovery.jwks_uri} failed: ${e.message}`);
}
