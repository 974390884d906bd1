import type { Db } from "../db/engines";

/** What sort of mail it is; the dev outbox shows it beside each mail. */
export type MailKind = "reminder" | "sign-in link";

/** A mail as it leaves the app: plain text, optionally HTML too. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  kind: MailKind;
}

/**
 * The one way the app sends mail. `db` is where the dev outbox writes — the
 * caller's transaction, so a mail is kept exactly when the work that sent it
 * commits; the SMTP mailer does not use it.
 */
export interface Mailer {
  readonly delivery: "smtp" | "outbox";
  send(db: Db, mail: OutgoingMail): Promise<void>;
}
