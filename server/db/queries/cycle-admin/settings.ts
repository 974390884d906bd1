/** A cycle's settings: the rules they must keep, creating a draft and editing it. */
import "server-only";
import { and, count, desc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../../engines";
import { Refusal } from "../../../domain/refusal";
import { databaseError } from "../../errors";
import { auditLog, competencyModels, cycles, people } from "../../schema";
import type { CycleSettings, DepartmentChoice, SavedCycle } from "../../../shapes/cycles";

/** Departments that active people work in: what a cycle can be limited to. */
export async function listActiveDepartments(db: Db): Promise<DepartmentChoice[]> {
  return db
    .select({ name: people.department, people: count() })
    .from(people)
    .where(and(eq(people.active, true), ne(people.department, "")))
    .groupBy(people.department)
    .orderBy(people.department);
}

/** Names from the request, quoted: a few and briefly, as a request can send fifty of 200 characters. */
function nameAFew(names: string[]): string {
  const quoted = names.slice(0, 3).map((name) => `“${name.length > 60 ? `${name.slice(0, 59)}…` : name}”`);
  return names.length > 3 ? `${quoted.join(", ")} and ${names.length - 3} more` : quoted.join(", ");
}

async function checkDepartments(db: Db, departments: string[] | null): Promise<string[] | null> {
  if (departments === null) return null;
  const wanted = [...new Set(departments)];
  const known = new Set((await listActiveDepartments(db)).map((d) => d.name));
  const unknown = wanted.filter((d) => !known.has(d));
  if (unknown.length > 0) {
    throw new Refusal("invalid", `No one active works in ${nameAFew(unknown)}: pick departments from the list.`, {
      field: "departments",
    });
  }
  return wanted.sort();
}

function checkSettings(settings: CycleSettings): void {
  if (settings.closesOn < settings.opensOn) {
    throw new Refusal("invalid", "The cycle cannot close before it opens.", { field: "closesOn" });
  }
  if (settings.maxPeers < settings.minPeers) {
    throw new Refusal("invalid", "The most peers cannot be fewer than the fewest.", { field: "maxPeers" });
  }
}

/** Turns a rule the database enforces into the sentence a person reads. */
function explainDatabaseRefusal(error: unknown): never {
  const info = databaseError(error);
  const rule = `${info?.constraint ?? ""} ${info?.message ?? ""}`;
  if (/cycles_min_group_size_frozen/.test(rule)) {
    throw new Refusal(
      "invalid",
      "The minimum group size cannot change once the cycle has left draft: raters were promised it.",
      { field: "minGroupSize" },
    );
  }
  if (/cycles_min_group_size\b/.test(rule)) {
    throw new Refusal("invalid", "The minimum group size must be at least 3.", { field: "minGroupSize" });
  }
  if (/cycles_dates_ordered/.test(rule)) {
    throw new Refusal("invalid", "The cycle cannot close before it opens.", { field: "closesOn" });
  }
  if (/cycles_peer_range/.test(rule)) {
    throw new Refusal("invalid", "The peer range must run from 0 up, with the most no fewer than the fewest.", {
      field: "maxPeers",
    });
  }
  if (/cycles_name_present/.test(rule)) {
    throw new Refusal("invalid", "Give the cycle a name.", { field: "name" });
  }
  throw error;
}

/** A new draft cycle on the newest competency model. */
export async function createCycle(
  db: Db,
  { actorId, settings }: { actorId: string; settings: CycleSettings },
): Promise<SavedCycle> {
  checkSettings(settings);
  const departments = await checkDepartments(db, settings.departments);
  const [model] = await db
    .select({ id: competencyModels.id })
    .from(competencyModels)
    .orderBy(desc(competencyModels.createdAt), desc(competencyModels.id))
    .limit(1);
  if (!model) {
    throw new Refusal("precondition_failed", "There is no competency model yet: add one before creating a cycle.");
  }
  try {
    return await db.transaction(async (tx) => {
      const [cycle] = await tx
        .insert(cycles)
        .values({ ...settings, departments, modelId: model.id, status: "draft" })
        .returning({ id: cycles.id });
      await tx.insert(auditLog).values({
        actorId,
        action: "cycle.create",
        cycleId: cycle!.id,
        details: { ...settings, departments },
      });
      return { id: cycle!.id };
    });
  } catch (error) {
    explainDatabaseRefusal(error);
  }
}

/** The cycle with its model's name; `lock` takes its row lock for the rest of the transaction. */
export async function findCycle(db: Db, { cycleId, lock = false }: { cycleId: string; lock?: boolean }) {
  const query = db
    .select({
      id: cycles.id,
      name: cycles.name,
      status: cycles.status,
      opensOn: cycles.opensOn,
      closesOn: cycles.closesOn,
      minGroupSize: cycles.minGroupSize,
      departments: cycles.departments,
      minPeers: cycles.minPeers,
      maxPeers: cycles.maxPeers,
      modelName: competencyModels.name,
      // As PostgreSQL writes it in text: what the cycle's page shows.
      closedAt: sql<string | null>`${cycles.closedAt}::text`,
    })
    .from(cycles)
    .innerJoin(competencyModels, eq(competencyModels.id, cycles.modelId))
    .where(eq(cycles.id, cycleId));
  const [row] = lock ? await query.for("update", { of: cycles }) : await query;
  if (!row) throw new Refusal("not_found", "There is no such cycle.");
  return row;
}

export type CycleRow = Awaited<ReturnType<typeof findCycle>>;

export function settingsOf(row: CycleRow): CycleSettings {
  return {
    name: row.name,
    opensOn: row.opensOn,
    closesOn: row.closesOn,
    minGroupSize: row.minGroupSize,
    departments: row.departments,
    minPeers: row.minPeers,
    maxPeers: row.maxPeers,
  };
}

/** Changes the settings of a cycle still in draft. Once it has left draft its
 *  settings are promises made to participants: k above all. */
export async function updateDraftCycle(
  db: Db,
  { actorId, cycleId, changes }: { actorId: string; cycleId: string; changes: Partial<CycleSettings> },
): Promise<SavedCycle> {
  try {
    return await db.transaction(async (tx) => {
      const current = await findCycle(tx, { cycleId, lock: true });
      if (current.status !== "draft") {
        if (changes.minGroupSize !== undefined && changes.minGroupSize !== current.minGroupSize) {
          throw new Refusal(
            "invalid",
            `The minimum group size cannot change once the cycle has left draft: “${current.name}” is ${current.status}, and raters were promised k = ${current.minGroupSize}.`,
            { field: "minGroupSize" },
          );
        }
        throw new Refusal("invalid", `Only a draft cycle can be edited; “${current.name}” is ${current.status}.`);
      }
      const merged: CycleSettings = { ...settingsOf(current), ...definedOnly(changes) };
      checkSettings(merged);
      merged.departments = await checkDepartments(tx, merged.departments);
      await tx
        .update(cycles)
        .set(merged)
        .where(sql`${cycles.id} = ${cycleId} and ${cycles.status} = 'draft'`);
      await tx.insert(auditLog).values({
        actorId,
        action: "cycle.update",
        cycleId,
        details: { before: settingsOf(current), after: merged },
      });
      return { id: cycleId };
    });
  } catch (error) {
    if (error instanceof Refusal) throw error;
    explainDatabaseRefusal(error);
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
