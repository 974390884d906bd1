/**
 * The mailer the settings choose: SMTP when SMTP_URL is set, else the dev
 * outbox. One per process, so the SMTP connection pool is shared.
 */
import "server-only";
import type { MailConfig } from "../config";
import { outboxMailer } from "./outbox";
import { smtpMailer } from "./smtp";
import type { Mailer } from "./types";

export type { Mailer, MailKind, OutgoingMail } from "./types";

const holder = globalThis as typeof globalThis & { __undercurrentMailer?: { key: string; mailer: Mailer } };

export function mailerFor(config: MailConfig): Mailer {
  if (!config.smtpUrl) return outboxMailer;
  const key = `${config.smtpUrl}\n${config.from}`;
  if (holder.__undercurrentMailer?.key !== key) {
    holder.__undercurrentMailer = { key, mailer: smtpMailer({ url: config.smtpUrl, from: config.from }) };
  }
  return holder.__undercurrentMailer.mailer;
}
