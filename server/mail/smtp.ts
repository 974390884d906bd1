import "server-only";
import nodemailer from "nodemailer";
import type { Mailer } from "./types";

/** Real mail through the SMTP server in SMTP_URL (nodemailer, pooled so that a
 *  batch of reminders reuses a few connections). */
export function smtpMailer(options: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(withPool(options.url), { from: options.from });
  return {
    delivery: "smtp",
    async send(_db, mail) {
      await transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    },
  };
}

/** nodemailer reads its options from the URL's query; pooling is ours to ask for. */
function withPool(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has("pool")) parsed.searchParams.set("pool", "true");
  return parsed.toString();
}
