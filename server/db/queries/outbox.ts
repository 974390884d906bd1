import "server-only";
import { desc, lt } from "drizzle-orm";
import type { OutgoingMail } from "../../mail/types";
import type { Db } from "../engines";
import { outbox } from "../schema";

export async function insertOutboxMail(db: Db, mail: OutgoingMail): Promise<void> {
  await db
    .insert(outbox)
    .values({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? null, kind: mail.kind });
}

export interface OutboxMail {
  id: number;
  to: string;
  subject: string;
  text: string;
  kind: string;
  createdAt: Date;
}

/** Newest first, `limit` at a time; `before` is the id of the last mail already shown. */
export async function listOutbox(
  db: Db,
  options: { before?: number; limit: number },
): Promise<{ mails: OutboxMail[]; more: boolean }> {
  const rows = await db
    .select({
      id: outbox.id,
      to: outbox.to,
      subject: outbox.subject,
      text: outbox.text,
      kind: outbox.kind,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .where(options.before === undefined ? undefined : lt(outbox.id, options.before))
    .orderBy(desc(outbox.id))
    .limit(options.limit + 1);
  return { mails: rows.slice(0, options.limit), more: rows.length > options.limit };
}
