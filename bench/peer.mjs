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
  }, {
    client_id: 'webapp', client_secret: 'bench-secret-0123456789',
    grant_types: ['authorization_code', 'refresh_token'],
    redirect_uris: ['http://127.0.0.1:1/cb'], response_types: ['code'],
  }],
  // Lanyard rotates refresh tokens on every use (OAuth 2.0 Security BCP §4.14.2);
  // the peer is told to do the same so that both do the same work.
  rotateRefreshToken: () => true,
  claims: { openid: ['sub'], profile: ['name'] },
  ttl: { AccessToken: 3600, IdToken: 3600, Grant: 30 * 86400, RefreshToken: 30 * 86400, ClientCredentials: 3600 },
  findAccount: (ctx, sub) => ({ accountId: sub, claims: () => ({ sub, name: 'Bench Person' }) }),
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

// The peer has no sign-in pages here, so the grants a person would have made through
// the authorization code flow are minted directly: REFRESH_TOKENS refresh tokens (one
// line each in TOKENS_OUT) and one access token (TOKENS_OUT.access) for userinfo.
async function mintTokens(count, out) {
  const { writeFileSync } = await import('node:fs');
  const client = await provider.Client.find('webapp');
  const scope = 'openid profile offline_access';
  const refresh = [];
  for (let i = 0; i < count; i += 1) {
    const grant = new provider.Grant({ accountId: 'bench', clientId: 'webapp' });
    grant.addOIDCScope(scope);
    const grantId = await grant.save();
    const rt = new provider.RefreshToken({
      accountId: 'bench', client, grantId, scope, gty: 'authorization_code', authTime: Math.floor(Date.now() / 1000),
    });
    refresh.push(await rt.save());
  }
  const grant = new provider.Grant({ accountId: 'bench', clientId: 'webapp' });
  grant.addOIDCScope(scope);
  const at = new provider.AccessToken({ accountId: 'bench', client, grantId: await grant.save(), scope, gty: 'authorization_code' });
  writeFileSync(out, refresh.join('\n') + '\n');
  writeFileSync(`${out}.access`, await at.save());
}

provider.listen(port, async () => {
  if (process.env.TOKENS_OUT) await mintTokens(Number(process.env.REFRESH_TOKENS || 64), process.env.TOKENS_OUT);
  console.log(`peer listening on ${port}`);
});
