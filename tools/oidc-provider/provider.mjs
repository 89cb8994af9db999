// A real OpenID Connect provider (panva/oidc-provider, OpenID certified) for govcx's sign-in tests.
//
// It is configured the way Login.gov treats a web application: authorization code flow only,
// PKCE required, clients authenticate with private_key_jwt, claims come from the userinfo
// endpoint. The tests start it on a free localhost port and read "ready <issuer>" on stdout.
//
// Environment: PORT, CLIENT_ID, CLIENT_JWKS (the client's public keys, JSON), REDIRECT_URI,
// POST_LOGOUT_REDIRECT_URI (where RP-initiated logout may send the person back).
//
// Two test-only endpoints shape what the provider does next (tests run one at a time):
//   POST /__test/account   {sub, email, email_verified, acr, amr}: who signs in next
//   POST /__test/scenario  {name}: how the next token response misbehaves, once:
//     "wrong-audience"  the ID token names another relying party (signed with the real key)
//     "expired"         the provider's clock runs two hours behind while it issues the tokens
//     "bad-signature"   the ID token is signed by an impostor key that reuses the real key id
import http from 'node:http';

import * as jose from 'jose';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const clientId = process.env.CLIENT_ID;
const clientJwks = JSON.parse(process.env.CLIENT_JWKS);
const redirectUri = process.env.REDIRECT_URI;
const postLogoutRedirectUri = process.env.POST_LOGOUT_REDIRECT_URI;

async function signingKey(kid) {
  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  return { ...(await jose.exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
}

const realKey = await signingKey('govcx-test-key');
const impostorKey = await signingKey('govcx-test-key');

let nextAccount = { sub: 'nobody', email: 'nobody@example.gov', email_verified: true };
let scenario = null;
let clockOffsetMs = 0;
const realNow = Date.now;
Date.now = () => realNow() + clockOffsetMs;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'RS256',
      jwks: clientJwks,
      redirect_uris: [redirectUri],
      post_logout_redirect_uris: [postLogoutRedirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
    },
  ],
  clientAuthMethods: ['private_key_jwt'],
  jwks: { keys: [realKey] },
  pkce: { required: () => true },
  acrValues: [
    'urn:acr.login.gov:auth-only',
    'urn:acr.login.gov:verified',
    'http://idmanagement.gov/ns/assurance/aal/2',
    'http://idmanagement.gov/ns/assurance/aal/2?phishing_resistant=true',
    'http://idmanagement.gov/ns/assurance/aal/2?hspd12=true',
  ],
  // Like Login.gov, the ID token carries acr and amr; the email address comes from userinfo.
  claims: { openid: ['sub', 'acr', 'amr'], email: ['email', 'email_verified'] },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, sub) {
    const account = nextAccount;
    return {
      accountId: sub,
      async claims() {
        return { sub, email: account.email, email_verified: account.email_verified };
      },
    };
  },
  // Consent is Login.gov's business, not the relying party's: grant the requested scopes.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email');
    await grant.save();
    return grant;
  },
});

async function rewriteIdToken(body, change, key) {
  const claims = change(jose.decodeJwt(body.id_token));
  const privateKey = await jose.importJWK(key, 'RS256');
  body.id_token = await new jose.SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .sign(privateKey);
}

provider.use(async (ctx, next) => {
  const misbehave = ctx.path === '/token' ? scenario : null;
  if (misbehave) scenario = null;
  if (misbehave === 'expired') clockOffsetMs = -2 * 3600 * 1000;
  try {
    await next();
  } finally {
    clockOffsetMs = 0;
  }
  if (!ctx.body?.id_token) return;
  if (misbehave === 'wrong-audience') {
    await rewriteIdToken(ctx.body, (c) => ({ ...c, aud: 'another-relying-party' }), realKey);
  } else if (misbehave === 'bad-signature') {
    await rewriteIdToken(ctx.body, (c) => c, impostorKey);
  }
});

async function readJson(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return JSON.parse(text || '{}');
}

const handle = provider.callback();
const server = http.createServer(async (req, res) => {
  try {
    if (req.method === 'POST' && req.url === '/__test/account') {
      nextAccount = await readJson(req);
      res.writeHead(204).end();
    } else if (req.method === 'POST' && req.url === '/__test/scenario') {
      scenario = (await readJson(req)).name ?? null;
      res.writeHead(204).end();
    } else if (req.url.startsWith('/interaction/')) {
      // The person "signs in" at once as the account the test chose, with its acr and amr.
      await provider.interactionDetails(req, res);
      const { sub, acr, amr } = nextAccount;
      await provider.interactionFinished(req, res, { login: { accountId: sub, acr, amr } });
    } else {
      handle(req, res);
    }
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
  }
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`ready ${issuer}\n`);
});
