// The peer: node oidc-provider (OpenID Certified) configured for the same workloads:
// client_credentials with JWT access tokens signed RS256 / ES256 / EdDSA.
import Provider from 'oidc-provider';
import { generateKeyPairSync } from 'node:crypto';

const port = Number(process.env.PORT || 3001);
const jwk = (kp, alg, kid) => ({ ...kp.privateKey.export({ format: 'jwk' }), alg, use: 'sig', kid });
const keys = [
  jwk(generateKeyPairSync('rsa', { modulusLength: 2048 }), 'RS256', 'rs'),
  jwk(generateKeyPairSync('ec', { namedCurve: 'P-256' }), 'ES256', 'es'),
  jwk(generateKeyPairSync('ed25519'), 'EdDSA', 'ed'),
];
const algs = { 'urn:bench:rs256': 'RS256', 'urn:bench:es256': 'ES256', 'urn:bench:eddsa': 'EdDSA' };

const provider = new Provider(`http://127.0.0.1:${port}`, {
  jwks: { keys },
  clients: [{
    client_id: 'service', client_secret: 'bench-secret-0123456789',
    grant_types: ['client_credentials'], redirect_uris: [], response_types: [],
  }],
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => 'urn:bench:rs256',
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, resource) => ({
        scope: 'api.read',
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: algs[resource] || 'RS256' } },
      }),
    },
  },
  enabledJWA: { idTokenSigningAlgValues: ['RS256', 'ES256', 'EdDSA'] },
});
provider.listen(port, () => console.log(`peer listening on ${port}`));
