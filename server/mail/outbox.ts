import "server-only";
import { insertOutboxMail } from "../db/queries/outbox";
import type { Mailer } from "./types";

/** Mail that stays in the database, for the dev outbox page: what the embedded
 *  demo uses, and any deployment without SMTP_URL. */
export const outboxMailer: Mailer = {
  delivery: "outbox",
  send: (db, mail) => insertOutboxMail(db, mail),
};
