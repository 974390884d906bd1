import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../engines";
import { queryRows } from "../rows";
import { auditLog } from "../schema";

/** What HR and admins did that touched a person's results. Never a submission. */
export type AuditAction =
  "evidence.view" | "shortlist.export" | "cycle.advance" | "reminders.send" | "people.import" | "sessions.revoke";

export async function recordAudit(
  db: Db,
  entry: {
    actorId: string;
    action: AuditAction;
    subjectId?: string | null;
    cycleId?: string | null;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    subjectId: entry.subjectId ?? null,
    cycleId: entry.cycleId ?? null,
    details: entry.details ?? null,
  });
}

export interface AuditEntry {
  id: number;
  at: Date;
  action: string;
  actor: string | null;
  subject: string | null;
  cycle: string | null;
  details: Record<string, unknown> | null;
}

/** Newest first, `limit` at a time; `before` is the id of the last entry already shown. */
export async function listAudit(
  db: Db,
  options: { before?: number; limit: number },
): Promise<{ entries: AuditEntry[]; more: boolean }> {
  const rows = await queryRows<{
    id: number | string;
    at: Date | string;
    action: string;
    actor: string | null;
    subject: string | null;
    cycle: string | null;
    details: Record<string, unknown> | null;
  }>(
    db,
    sql`select a.id, a.at, a.action, actor.name as actor, subject.name as subject, c.name as cycle, a.details
        from audit_log a
        left join people actor on actor.id = a.actor_id
        left join people subject on subject.id = a.subject_id
        left join cycles c on c.id = a.cycle_id
        ${options.before === undefined ? sql`` : sql`where a.id < ${options.before}`}
        order by a.id desc
        limit ${options.limit + 1}`,
  );
  const entries = rows.slice(0, options.limit).map((r) => ({
    id: Number(r.id),
    at: r.at instanceof Date ? r.at : new Date(r.at),
    action: r.action,
    actor: r.actor,
    subject: r.subject,
    cycle: r.cycle,
    details: r.details,
  }));
  return { entries, more: rows.length > options.limit };
}
