/**
 * next-auth configuration. Sessions are signed JWTs that carry only the
 * person's id and the id of their session's row in auth_sessions; who they
 * are and what they may do is read from the org chart on every request (see
 * `session` below), and the row must still be live, so a role change, a
 * deactivation or a sign-out takes effect at once. Single sign-on (any
 * OpenID Connect issuer, from OIDC_* settings), emailed links (with SMTP, or
 * in the demo) and the demo picker are the providers; all end with the
 * person's id in the token.
 */
import "server-only";
import type { NextAuthOptions } from "next-auth";
import type { Provider } from "next-auth/providers/index";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { readConfig, requireAuthSecret } from "../config";
import { type Db, getDb } from "../db";
import { endSession, startSession } from "../db/queries/auth-sessions";
import { findActivePersonByEmail, findActiveViewer, type Roles } from "../db/queries/people";
import { EMAIL_PROVIDER_ID, emailLinkProvider, orgChartAdapter } from "./email-link";
import { type OidcSettings, readOidcSettings } from "./oidc-config";
import { viewerOfSessionToken } from "./token-viewer";

declare module "next-auth" {
  interface Session {
    user?: { id: string; name: string; email: string; roles: Roles };
  }
}

const demoCredentials = z.object({ personId: z.uuid() });

/** The provider id in callback URLs: /api/auth/callback/oidc. */
export const OIDC_PROVIDER_ID = "oidc";

type OidcClaims = { sub: string; email?: string; name?: string };

/** The userinfo endpoint's claims, for issuers that keep the email out of the
 *  ID token (the OpenID default when an access token is issued). */
async function fetchUserinfo(issuer: string, accessToken: string): Promise<Partial<OidcClaims>> {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    userinfo_endpoint?: string;
  };
  if (!discovery.userinfo_endpoint) return {};
  const response = await fetch(discovery.userinfo_endpoint, { headers: { authorization: `Bearer ${accessToken}` } });
  return response.ok ? ((await response.json()) as Partial<OidcClaims>) : {};
}

/** Any OpenID Connect issuer, found through its discovery document. The
 *  person is matched by the email the issuer vouches for. */
function oidcProvider(settings: OidcSettings): Provider {
  return {
    id: OIDC_PROVIDER_ID,
    name: settings.name,
    type: "oauth",
    wellKnown: `${settings.issuer}/.well-known/openid-configuration`,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    // The issuer is the organisation's own directory: the email it vouches
    // for is how a person is found in the org chart, at every sign-in.
    allowDangerousEmailAccountLinking: true,
    async profile(claims: OidcClaims, tokens: { access_token?: string }) {
      const extra =
        !claims.email && tokens.access_token ? await fetchUserinfo(settings.issuer, tokens.access_token) : {};
      const email = claims.email ?? extra.email ?? null;
      return { id: claims.sub, email, name: claims.name ?? extra.name ?? email };
    },
  };
}

/** Providers whose sign-ins name a person by email address. */
function signsInByEmail(providerId: string): boolean {
  return providerId === OIDC_PROVIDER_ID || providerId === EMAIL_PROVIDER_ID;
}

/** `database` is the app's own; tests give theirs. */
export function buildAuthOptions(database: () => Promise<Db> = getDb): NextAuthOptions {
  const config = readConfig();
  const oidc = readOidcSettings();
  return {
    secret: requireAuthSecret(config),
    // JWTs, because the demo picker's credentials sign-in allows no other
    // strategy; the cookie lives no longer than the session's row may.
    session: { strategy: "jwt", maxAge: config.session.lifetimeSeconds },
    adapter: orgChartAdapter(database),
    // The sign-in page says "check your inbox" itself; next-auth's own pages never show.
    pages: { signIn: "/signin", error: "/signin", verifyRequest: "/signin" },
    providers: [
      ...(oidc ? [oidcProvider(oidc)] : []),
      // Always there, so that a link made by `npm run setup` can sign in; it
      // mails links only where emailLinksEnabled says they reach their person.
      emailLinkProvider(config, database),
      ...(config.demoSignIn
        ? [
            CredentialsProvider({
              id: "demo",
              name: "Demo sign-in",
              credentials: { personId: { label: "Person", type: "text" } },
              async authorize(credentials) {
                const parsed = demoCredentials.safeParse(credentials);
                if (!parsed.success) return null;
                const viewer = await findActiveViewer(await database(), parsed.data.personId);
                return viewer ? { id: viewer.id, name: viewer.name, email: viewer.email } : null;
              },
            }),
          ]
        : []),
    ],
    events: {
      /** The cookie is cleared by next-auth; ending the row makes a copy of it worthless too. */
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(await database(), token.sid);
      },
    },
    callbacks: {
      /** Only people in the org chart, and active, come in by single sign-on
       *  or by link; anyone else sees why on the sign-in page. Asking for a
       *  link is always accepted (unknown addresses just get no mail), so the
       *  form does not tell strangers who works here. */
      async signIn({ account, user, email }) {
        if (!account || !signsInByEmail(account.provider)) return true;
        if (email?.verificationRequest) return true;
        const person = user.email ? await findActivePersonByEmail(await database(), user.email) : null;
        return person ? true : "/signin?error=NotInOrgChart";
      },
      /** The token carries the person's id, never the issuer's subject or
       *  the address, and the id of the session row begun at this sign-in. */
      async jwt({ token, account, user }) {
        if (account && signsInByEmail(account.provider)) {
          const person = user?.email ? await findActivePersonByEmail(await database(), user.email) : null;
          if (!person) throw new Error("signed in by email address without a person");
          token.sub = person.id;
        }
        if (user) {
          const sessionId = token.sub
            ? await startSession(await database(), { personId: token.sub, limits: config.session })
            : null;
          if (!sessionId) throw new Error("signed in without an active person");
          token.sid = sessionId;
        }
        return token;
      },
      async session({ session, token }) {
        const viewer = await viewerOfSessionToken(await database(), token, config.session);
        session.user = viewer
          ? { id: viewer.id, name: viewer.name, email: viewer.email, roles: viewer.roles }
          : undefined;
        return session;
      },
    },
  };
}

let cached: NextAuthOptions | undefined;
export function authOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}
