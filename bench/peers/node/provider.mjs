// panva's oidc-provider for bench/peers/run.sh: one confidential client_credentials client whose access
// tokens are ES256-signed JWTs (a resource server with accessTokenFormat "jwt"; the token request needs no
// `resource` parameter: defaultResource supplies it). In-memory adapter, no interactions used.
//   node provider.mjs                       one process
//   WORKERS=2 node provider.mjs             node:cluster, WORKERS processes sharing the port and the key
// Settings (environment): PORT (18290), CLIENT_ID, CLIENT_SECRET, WORKERS (1).
import cluster from 'node:cluster';
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT || 18290);
const workers = Number(process.env.WORKERS || 1);
const issuer = `http://127.0.0.1:${port}`;
const resource = `${issuer}/api`;

function signingKey() {
  // the primary makes the key once and hands it to every worker, so they all sign with the same one
  if (process.env.BENCH_JWK) return JSON.parse(process.env.BENCH_JWK);
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...privateKey.export({ format: 'jwk' }), kid: 'bench-es256', alg: 'ES256', use: 'sig' };
}

function serve(jwk) {
  const provider = new Provider(issuer, {
    clients: [{
      client_id: process.env.CLIENT_ID || 'bench',
      client_secret: process.env.CLIENT_SECRET || 'bench-client-secret-0123456789',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: 'ES256', // the only key is an EC one (the default is RS256)
    }],
    jwks: { keys: [jwk] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: '',
          audience: resource,
          accessTokenTTL: 3600,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'ES256' } },
        }),
      },
    },
  });
  provider.listen(port, '127.0.0.1', () => {
    console.log(`oidc-provider pid ${process.pid} listening on ${issuer}`);
  });
}

if (workers > 1 && cluster.isPrimary) {
  const jwk = signingKey();
  for (let i = 0; i < workers; i += 1) cluster.fork({ BENCH_JWK: JSON.stringify(jwk) });
  cluster.on('exit', (worker, code) => console.log(`worker ${worker.process.pid} exited (${code})`));
  const stop = () => {
    for (const worker of Object.values(cluster.workers)) worker.kill();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  serve(signingKey());
}
