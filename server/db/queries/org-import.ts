import "server-only";
import { sql } from "drizzle-orm";
import {
  type CurrentPerson,
  type ImportPlan,
  planChangesSomething,
  planOrgImport,
  type PlanOptions,
} from "../../domain/org-import";
import { Refusal } from "../../domain/refusal";
import type { Db } from "../engines";
import { queryRows } from "../rows";
import { recordAudit } from "./audit";

/** Everyone in the org chart, active or not, with their manager by email. */
export async function loadCurrentPeople(db: Db): Promise<CurrentPerson[]> {
  const rows = await queryRows<{
    email: string;
    name: string;
    title: string;
    department: string;
    location: string;
    manager_email: string | null;
    is_hr: boolean;
    active: boolean;
    level: number | null;
  }>(
    db,
    sql`select p.email, p.name, p.title, p.department, p.location, m.email as manager_email, p.is_hr, p.active, p.level
        from people p left join people m on m.id = p.manager_id
        order by p.level nulls last, p.email`,
  );
  return rows.map((r) => ({
    email: r.email,
    name: r.name,
    title: r.title,
    department: r.department,
    location: r.location,
    managerEmail: r.manager_email,
    isHr: r.is_hr,
    active: r.active,
    level: r.level === null ? null : Number(r.level),
  }));
}

/** What the file would do, without writing anything. */
export async function previewOrgImport(
  db: Db,
  { csv, ...options }: { csv: string } & PlanOptions,
): Promise<ImportPlan> {
  return planOrgImport(csv, await loadCurrentPeople(db), options);
}

const importRefused = (problems: number) =>
  new Refusal(
    "invalid",
    `The file has ${problems === 1 ? "a problem" : `${problems.toLocaleString("en")} problems`}: nothing was imported. Preview it, fix what the preview lists, and apply again.`,
  );

export interface ImportCounts {
  added: number;
  changed: number;
  reactivated: number;
  deactivated: number;
  unchanged: number;
}

export function importCounts(plan: ImportPlan): ImportCounts {
  return {
    added: plan.added.length,
    changed: plan.changed.length,
    reactivated: plan.reactivated.length,
    deactivated: plan.deactivated.length,
    unchanged: plan.unchanged,
  };
}

/**
 * Applies the file in one transaction: all of it or nothing. The plan is
 * worked out again inside the transaction, against the people as they are
 * then (the table is locked against other writers meanwhile), so a preview
 * that has gone stale cannot be applied blindly, and a file with problems is
 * refused. Each kind of write is one statement over a JSON parameter, not a
 * statement per person: the database trigger that refuses manager cycles
 * checks the result once the statement's rows are all in place. Applying the
 * same file again finds nothing to do and writes nothing but the audit entry.
 */
export async function applyOrgImport(
  db: Db,
  { actorId, csv, ...options }: { actorId: string; csv: string } & PlanOptions,
): Promise<ImportCounts> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`lock table people in share row exclusive mode`);
    const plan = planOrgImport(csv, await loadCurrentPeople(tx), options);
    if (plan.problems.length > 0) throw importRefused(plan.problems.length);
    const counts = importCounts(plan);
    if (planChangesSomething(plan)) await writePlan(tx, plan);
    await recordAudit(tx, {
      actorId,
      action: "people.import",
      details: { ...counts, rows: plan.rows, deactivateMissing: options.deactivateMissing },
    });
    return counts;
  });
}

async function writePlan(db: Db, plan: ImportPlan): Promise<void> {
  const { people, levels, deactivate } = plan.writes;
  const records = JSON.stringify(
    people.map((p) => ({
      email: p.email,
      name: p.name,
      title: p.title,
      department: p.department,
      location: p.location,
      manager_email: p.managerEmail,
      is_hr: p.isHr,
      level: p.level,
    })),
  );
  const recordset = sql`json_to_recordset(${records}::json) as r(
    email text, name text, title text, department text, location text, manager_email text, is_hr boolean, level smallint)`;

  // New people first, so that the next statement can find every manager by email.
  await db.execute(
    sql`insert into people (email, name, title, department, location, is_hr, level)
        select r.email, r.name, r.title, r.department, r.location, r.is_hr, r.level from ${recordset}
        where not exists (select 1 from people p where p.email = r.email)`,
  );
  await db.execute(
    sql`update people p
        set name = r.name, title = r.title, department = r.department, location = r.location,
            manager_id = m.id, is_hr = r.is_hr, level = r.level, active = true
        from ${recordset} left join people m on m.email = r.manager_email
        where p.email = r.email`,
  );
  if (levels.length > 0) {
    await db.execute(
      sql`update people p set level = r.level
          from json_to_recordset(${JSON.stringify(levels)}::json) as r(email text, level smallint)
          where p.email = r.email`,
    );
  }
  // Deactivating someone also ends their sessions, for good: the database's
  // people_end_sessions_on_deactivation trigger deletes their auth_sessions rows.
  if (deactivate.length > 0) {
    await db.execute(
      sql`update people set active = false
          where email in (select json_array_elements_text(${JSON.stringify(deactivate)}::json))`,
    );
  }
}

/** The active org chart in the import's format, managers before their reports. */
export async function exportOrgChart(db: Db): Promise<CurrentPerson[]> {
  return (await loadCurrentPeople(db)).filter((p) => p.active);
}
