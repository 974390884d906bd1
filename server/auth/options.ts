/**
 * next-auth configuration. Sessions are signed JWTs that carry only the
 * person's id; who they are and what they may do is read from the org chart
 * on every request (see `session` below), so a role change or a deactivation
 * takes effect at once. Real providers (email link, OIDC) are added to
 * `providers` and share the same person lookup.
 */
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { readConfig, requireAuthSecret } from "../config";
import { getDb } from "../db";
import { findActiveViewer, type Roles } from "../db/queries/people";

declare module "next-auth" {
  interface Session {
    user?: { id: string; name: string; email: string; roles: Roles };
  }
}

const demoCredentials = z.object({ personId: z.uuid() });

export function buildAuthOptions(): NextAuthOptions {
  const config = readConfig();
  return {
    secret: requireAuthSecret(config),
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: config.demoSignIn
      ? [
          CredentialsProvider({
            id: "demo",
            name: "Demo sign-in",
            credentials: { personId: { label: "Person", type: "text" } },
            async authorize(credentials) {
              const parsed = demoCredentials.safeParse(credentials);
              if (!parsed.success) return null;
              const viewer = await findActiveViewer(await getDb(), parsed.data.personId);
              return viewer ? { id: viewer.id, name: viewer.name, email: viewer.email } : null;
            },
          }),
        ]
      : [],
    callbacks: {
      async session({ session, token }) {
        const viewer = token.sub ? await findActiveViewer(await getDb(), token.sub) : null;
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
