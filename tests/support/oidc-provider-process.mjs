// A real OpenID provider (oidc-provider, a certified implementation) on loopback for the tests,
// run as a child process because the package ships as ES modules only. Its test client, accounts
// and their claims come in as JSON on argv; it prints its issuer URL once it listens.
import http from 'node:http';
import Provider from 'oidc-provider';

const { clientId, clientSecret, redirectUris, postLogoutRedirectUri, accounts, organisationClaims } = JSON.parse(process.argv[2]);

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: redirectUris,
      post_logout_redirect_uris: [postLogoutRedirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  // The organisation scope releases an organisation number, as MitID Erhverv's broker releases the CVR claim.
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'], organisation: organisationClaims },
  // As Microsoft Entra ID does: the groups (and the organisation number) travel in the ID token.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  async findAccount(_ctx, sub) {
    const account = accounts[sub];
    if (!account) return undefined;
    return { accountId: sub, claims: async () => ({ sub, email_verified: true, ...account }) };
  },
});
// Loopback over plain HTTP is how the tests reach it.
provider.proxy = false;
server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
