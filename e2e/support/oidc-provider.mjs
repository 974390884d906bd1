/**
 * A real OpenID Connect provider for the end-to-end tests (node-oidc-provider,
 * not a mock): one confidential client for Undercurrent, and accounts that
 * are whoever signs in — the login is an email address, any password works.
 * The sign-in and consent pages are the library's own development pages.
 *
 * One client serves every end-to-end installation: OIDC_TEST_REDIRECT_URIS
 * lists each one's callback, separated by spaces.
 *
 *   node e2e/support/oidc-provider.mjs   (OIDC_TEST_PORT, OIDC_TEST_REDIRECT_URIS)
 */
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_TEST_PORT ?? 3101);
const redirectUris = (process.env.OIDC_TEST_REDIRECT_URIS ?? "http://localhost:3100/api/auth/callback/oidc")
  .split(" ")
  .filter(Boolean);
const issuer = `http://localhost:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "undercurrent-e2e",
      client_secret: "undercurrent-e2e-secret",
      redirect_uris: redirectUris,
      post_logout_redirect_uris: redirectUris.map((uri) => uri.replace(/\/api\/auth\/callback\/oidc$/, "/signin")),
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  // The login typed on the development sign-in page is the account: an email.
  async findAccount(_ctx, id) {
    const email = String(id).trim().toLowerCase();
    return {
      accountId: id,
      async claims() {
        return { sub: id, email, email_verified: true, name: email.split("@")[0] };
      },
    };
  },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  cookies: { keys: ["undercurrent-e2e-only-cookie-key"] },
});

provider.listen(port, "localhost", () => {
  console.log(`Test OIDC provider on ${issuer}`);
});
