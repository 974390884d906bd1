/**
 * Sign-in by emailed link: next-auth's email provider, with its mail sent
 * through the app's own mail path (SMTP, or the dev outbox in the demo) and
 * its tokens kept in auth_verification_tokens. The adapter is the smallest
 * one the provider needs: people come only from the org chart, sessions stay
 * JWTs, and nothing about a person is written at sign-in.
 */
import "server-only";
import type { Adapter, AdapterUser } from "next-auth/adapters";
import type { EmailConfig } from "next-auth/providers/email";
import type { AppConfig } from "../config";
import type { Db } from "../db/engines";
import { findActivePersonByEmail, markEmailVerified, type SignInPerson } from "../db/queries/people";
import { consumeSignInToken, storeSignInToken } from "../db/queries/sign-in-links";
import { signInLinkMail } from "../domain/sign-in-mail";
import { mailerFor } from "../mail";

/** The provider id in callback URLs: /api/auth/callback/email. */
export const EMAIL_PROVIDER_ID = "email";

/** Long enough for a slow mail server, short enough that a forgotten mail is harmless. */
export const SIGN_IN_LINK_MINUTES = 30;

/**
 * Links are offered when they can reach only their recipient: through SMTP,
 * or in demo mode, where they land in the dev outbox that anyone may read —
 * harmless there, since anyone may sign in as anyone. Without SMTP outside
 * the demo they would land in an outbox administrators read, and an
 * administrator could sign in as whoever asked for one.
 */
export function emailLinksEnabled(config: AppConfig): boolean {
  return Boolean(config.mail.smtpUrl) || config.demoSignIn;
}

function asAdapterUser(person: SignInPerson): AdapterUser {
  return { id: person.id, name: person.name, email: person.email, emailVerified: null };
}

export function orgChartAdapter(database: () => Promise<Db>): Adapter {
  return {
    getUserByEmail: async (email) => {
      const person = await findActivePersonByEmail(await database(), email);
      return person ? asAdapterUser(person) : null;
    },
    // next-auth asks this to attach a new sign-in to the session already in
    // the browser. A sign-in here always names its person afresh, from the
    // org chart, so there is never one to attach to.
    getUser: async () => null,
    // Accounts are not kept: single sign-on matches people by the email the
    // issuer vouches for, at every sign-in (see allowDangerousEmailAccountLinking).
    getUserByAccount: async () => null,
    linkAccount: async () => undefined,
    // Called when a link is used: the address is then known to reach its person.
    updateUser: async (user) => {
      const person = await markEmailVerified(await database(), {
        personId: user.id,
        at: user.emailVerified ?? new Date(),
      });
      if (!person) throw new Error("That person is no longer active in the org chart.");
      return asAdapterUser(person);
    },
    createUser: async () => {
      throw new Error("People are added to Undercurrent by HR, through the org chart, not at sign-in.");
    },
    createVerificationToken: async (token) => ((await storeSignInToken(await database(), token)) ? token : null),
    useVerificationToken: async (key) => consumeSignInToken(await database(), key),
  };
}

/** The email provider, mailing through the app's mailer. Addresses that are
 *  not someone active in the org chart get no mail, and the form says the
 *  same thing either way, so it cannot be used to find out who works here. */
export function emailLinkProvider(config: AppConfig, database: () => Promise<Db>): EmailConfig {
  return {
    id: EMAIL_PROVIDER_ID,
    type: "email",
    name: "Email",
    server: "",
    from: config.mail.from,
    maxAge: SIGN_IN_LINK_MINUTES * 60,
    options: {},
    async sendVerificationRequest({ identifier, url }) {
      // Without a way to reach only the person, no link is mailed (the sign-in
      // page offers none, and the route refuses asking for one): the provider
      // is there for links made by `npm run setup`.
      if (!emailLinksEnabled(config)) return;
      const db = await database();
      const person = await findActivePersonByEmail(db, identifier);
      if (!person) return;
      const mail = signInLinkMail({ name: person.name, url, validMinutes: SIGN_IN_LINK_MINUTES });
      await mailerFor(config.mail).send(db, { to: person.email, ...mail, kind: "sign-in link" });
    },
  };
}
