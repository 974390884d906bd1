import "server-only";
import { desc, sql } from "drizzle-orm";
import {
  groupSizeWarnings,
  planAssignments,
  type AnonymousGroups,
  type AssignmentPlanInput,
  type GroupSizeWarning,
} from "../../domain/assignment-plan";
import { poolSmallDepartments } from "../../domain/disclosure";
import type { Db } from "../engines";
import { Refusal } from "../../domain/refusal";
import { databaseError } from "../errors";
import { queryRows } from "../rows";
import { assignments, auditLog, competencyModels, cycles } from "../schema";
import { closeCycle } from "./close-cycle";
import { type CountRow, type CycleStatus, type RequestCounts, toCounts } from "./cycles";
import { takesPart } from "./participants";
import { countProgress, progressCountColumns, progressRows } from "./progress";

export interface CycleSettings {
  name: string;
  opensOn: string;
  closesOn: string;
  minGroupSize: number;
  /** null: the whole organisation. */
  departments: string[] | null;
  minPeers: number;
  maxPeers: number;
}

/** The one way forward from each state. Publishing is the reports' work. */
export const NEXT_STATUS: Record<CycleStatus, CycleStatus | null> = {
  draft: "nominating",
  nominating: "collecting",
  collecting: "closed",
  closed: "published",
  published: null,
};

/** Refuses any move from `status` but the one way forward, saying what that is. */
export function requireNextStep(status: CycleStatus, to: CycleStatus): void {
  const next = NEXT_STATUS[status];
  if (next === to) return;
  throw new Refusal(
    "invalid",
    next ? `A cycle in ${status} can only move to ${next}.` : `A cycle in ${status} cannot move any further.`,
  );
}

// ---------------------------------------------------------------- departments

export interface DepartmentChoice {
  name: string;
  /** Active people in it now. */
  people: number;
}

/** Departments that active people work in: what a cycle can be limited to. */
export async function listActiveDepartments(db: Db): Promise<DepartmentChoice[]> {
  const rows = await queryRows<{ name: string; people: number }>(
    db,
    sql`select department as name, count(*)::int as people from people
        where active and department <> '' group by department order by department`,
  );
  return rows.map((r) => ({ name: r.name, people: Number(r.people) }));
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

// ---------------------------------------------------------------- create and edit

/** A new draft cycle on the newest competency model. */
export async function createCycle(db: Db, actorId: string, settings: CycleSettings): Promise<{ id: string }> {
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

type CycleRow = {
  id: string;
  name: string;
  status: CycleStatus;
  opens_on: string;
  closes_on: string;
  min_group_size: number;
  departments: string[] | null;
  min_peers: number;
  max_peers: number;
  model_name: string;
  closed_at: string | null;
};

async function findCycle(db: Db, cycleId: string, options: { lock?: boolean } = {}): Promise<CycleRow> {
  const [row] = await queryRows<CycleRow>(
    db,
    sql`select c.id, c.name, c.status, c.opens_on::text as opens_on, c.closes_on::text as closes_on,
               c.min_group_size, c.departments, c.min_peers, c.max_peers, m.name as model_name,
               c.closed_at::text as closed_at
        from cycles c join competency_models m on m.id = c.model_id
        where c.id = ${cycleId}
        ${options.lock ? sql`for update of c` : sql``}`,
  );
  if (!row) throw new Refusal("not_found", "There is no such cycle.");
  return {
    ...row,
    min_group_size: Number(row.min_group_size),
    min_peers: Number(row.min_peers),
    max_peers: Number(row.max_peers),
  };
}

function settingsOf(row: CycleRow): CycleSettings {
  return {
    name: row.name,
    opensOn: row.opens_on,
    closesOn: row.closes_on,
    minGroupSize: row.min_group_size,
    departments: row.departments,
    minPeers: row.min_peers,
    maxPeers: row.max_peers,
  };
}

/** Changes the settings of a cycle still in draft. Once it has left draft its
 *  settings are promises made to participants: k above all. */
export async function updateDraftCycle(
  db: Db,
  actorId: string,
  cycleId: string,
  changes: Partial<CycleSettings>,
): Promise<{ id: string }> {
  try {
    return await db.transaction(async (tx) => {
      const current = await findCycle(tx, cycleId, { lock: true });
      if (current.status !== "draft") {
        if (changes.minGroupSize !== undefined && changes.minGroupSize !== current.min_group_size) {
          throw new Refusal(
            "invalid",
            `The minimum group size cannot change once the cycle has left draft: “${current.name}” is ${current.status}, and raters were promised k = ${current.min_group_size}.`,
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

// ---------------------------------------------------------------- the plan

interface Participant {
  id: string;
  name: string;
  department: string;
  managerId: string | null;
}

/** What the plan is built from: the cycle's participants, everyone active,
 *  and the approved nominations in the order they were made. Nominations
 *  carry no approval time, so creation order (then id) stands in for it. */
async function loadPlanInput(
  db: Db,
  cycle: CycleRow,
): Promise<{ participants: Participant[]; input: AssignmentPlanInput }> {
  const participants = await queryRows<{ id: string; name: string; department: string; manager_id: string | null }>(
    db,
    sql`select p.id, p.name, p.department, p.manager_id from people p, cycles c
        where c.id = ${cycle.id} and ${takesPart("p", "c")}
        order by p.department, p.name, p.id`,
  );
  const active = await queryRows<{ id: string; manager_id: string | null }>(
    db,
    sql`select id, manager_id from people where active`,
  );
  const nominations = await queryRows<{ subject_id: string; nominee_id: string }>(
    db,
    sql`select subject_id, nominee_id from nominations
        where cycle_id = ${cycle.id} and status = 'approved'
        order by created_at, id`,
  );
  const people = participants.map((p) => ({
    id: p.id,
    name: p.name,
    department: p.department,
    managerId: p.manager_id,
  }));
  return {
    participants: people,
    input: {
      participants: people,
      activePeople: active.map((p) => ({ id: p.id, managerId: p.manager_id })),
      approvedNominations: nominations.map((n) => ({ subjectId: n.subject_id, nomineeId: n.nominee_id })),
      maxPeers: cycle.max_peers,
    },
  };
}

// ---------------------------------------------------------------- moving a cycle on

/** Publishing is not among them: it runs as a job (./publish-jobs.ts). */
export type AdvanceTarget = "nominating" | "collecting" | "closed";

export interface AdvanceResult {
  id: string;
  status: AdvanceTarget;
  /** Feedback requests created (when collection starts), otherwise 0. */
  requestsCreated: number;
}

/**
 * Moves a cycle to its next state, and only there. Starting collection
 * generates every request in the same transaction as the status change, so a
 * cycle is never collecting with half its requests; closing is the close
 * code's own transaction (it also shuffles the responses).
 */
export async function advanceCycle(
  db: Db,
  actorId: string,
  cycleId: string,
  to: AdvanceTarget,
): Promise<AdvanceResult> {
  const cycle = await findCycle(db, cycleId);
  requireNextStep(cycle.status, to);
  const audit = (tx: Db, details: Record<string, unknown>) =>
    tx
      .insert(auditLog)
      .values({ actorId, action: "cycle.advance", cycleId, details: { from: cycle.status, to, ...details } });

  if (to === "closed") {
    // The audit row is written in the close's own transaction. Someone else
    // closing it between our read and the close makes closeCycle refuse.
    await closeCycle(db, {
      cycleId,
      beforeCommit: async (tx, closed) => {
        await audit(tx, closed);
      },
    });
    return { id: cycleId, status: to, requestsCreated: 0 };
  }

  return db.transaction(async (tx) => {
    // The conditional update takes the row lock: a second click, or a second
    // person, waits here and then finds the cycle already moved.
    const moved = await tx
      .update(cycles)
      .set({ status: to })
      .where(sql`${cycles.id} = ${cycleId} and ${cycles.status} = ${cycle.status}`)
      .returning({ id: cycles.id });
    if (moved.length === 0) {
      throw new Refusal(
        "conflict",
        `“${cycle.name}” has just been moved on by someone else. Reload to see where it stands.`,
      );
    }
    if (to === "nominating") {
      await audit(tx, {});
      return { id: cycleId, status: to, requestsCreated: 0 };
    }

    const { input } = await loadPlanInput(tx, cycle);
    if (input.participants.length === 0) {
      throw new Refusal("invalid", "No one active takes part in this cycle, so there is nobody to ask for feedback.");
    }
    const plan = planAssignments(input);
    const rows = plan.assignments.map((a) => ({
      cycleId,
      subjectId: a.subjectId,
      raterId: a.raterId,
      relationship: a.relationship,
    }));
    for (let start = 0; start < rows.length; start += 2000) {
      await tx.insert(assignments).values(rows.slice(start, start + 2000));
    }
    const warnings = groupSizeWarnings(plan.groups, cycle.min_group_size);
    await audit(tx, {
      subjects: plan.groups.length,
      requests: rows.length,
      subjectsBelowK: warnings.length,
    });
    return { id: cycleId, status: to, requestsCreated: rows.length };
  });
}

// ---------------------------------------------------------------- the detail page

export interface GroupSizeWarningRow extends GroupSizeWarning {
  name: string;
  department: string;
}

export interface CycleDetail extends CycleSettings {
  id: string;
  status: CycleStatus;
  modelName: string;
  closedAt: string | null;
  /** People reviewed: who takes part now, or once requests exist, their subjects. */
  participants: number;
  requests: RequestCounts;
  /** While the cycle collects: the day (UTC) its counts and warnings are as of. They change once a day (./progress.ts). */
  countedOn: string | null;
  byDepartment: ({ department: string; participants: number } & RequestCounts)[];
  /** Before collection: how far nominations have got. */
  nominations: { approved: number; awaitingApproval: number; subjectsWithEnoughPeers: number } | null;
  /** Before collection: what starting it would create. */
  plan: { requests: number; raters: number } | null;
  /** Subjects whose anonymous raters cannot reach k: from the plan before
   *  collection, from the requests not declined after. */
  warningsBasis: "plan" | "requests";
  warnings: GroupSizeWarningRow[];
}

const noRequests: RequestCounts = { total: 0, submitted: 0, inProgress: 0, notStarted: 0, declined: 0 };

function byName<T extends { department: string; name?: string }>(a: T, b: T): number {
  // "No department" sorts last.
  if ((a.department === "") !== (b.department === "")) return a.department === "" ? 1 : -1;
  return a.department.localeCompare(b.department) || (a.name ?? "").localeCompare(b.name ?? "");
}

/** Requests of a cycle by the department of the person they are about:
 *  people reviewed and requests by state. Counts only, never who; while the
 *  cycle collects, as counted that day (call `countProgress` first). */
export async function requestCountsByDepartment(
  db: Db,
  cycleId: string,
): Promise<({ department: string; participants: number } & RequestCounts)[]> {
  const rows = await queryRows<CountRow & { department: string; participants: number }>(
    db,
    sql`select s.department, count(distinct p.subject_id)::int as participants, ${progressCountColumns}
        from ${progressRows()} p join people s on s.id = p.subject_id
        where p.cycle_id = ${cycleId}
        group by s.department`,
  );
  return rows
    .map((d) => ({ department: d.department, participants: Number(d.participants), ...toCounts(d) }))
    .sort(byName);
}

/** Everything HR needs to run one cycle: settings, where it stands, counts
 *  only (never who answered), and whose anonymous groups fall short of k.
 *  While it collects, counts and warnings are as counted on `today`. */
export async function getCycleDetail(db: Db, cycleId: string, { today }: { today: string }): Promise<CycleDetail> {
  const cycle = await findCycle(db, cycleId);
  const base = {
    id: cycle.id,
    status: cycle.status,
    modelName: cycle.model_name,
    closedAt: cycle.closed_at,
    ...settingsOf(cycle),
    countedOn: null,
  };

  if (cycle.status === "draft" || cycle.status === "nominating") {
    const { participants, input } = await loadPlanInput(db, cycle);
    const plan = planAssignments(input);
    const [awaiting] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from nominations where cycle_id = ${cycleId} and status = 'proposed'`,
    );
    const departments = new Map<string, number>();
    for (const p of participants) departments.set(p.department, (departments.get(p.department) ?? 0) + 1);
    const who = new Map(participants.map((p) => [p.id, p]));
    return {
      ...base,
      participants: participants.length,
      requests: noRequests,
      byDepartment: [...departments]
        .map(([department, count]) => ({ department, participants: count, ...noRequests }))
        .sort(byName),
      nominations: {
        approved: input.approvedNominations.length,
        awaitingApproval: Number(awaiting?.n ?? 0),
        subjectsWithEnoughPeers: plan.groups.filter((g) => g.peers >= cycle.min_peers).length,
      },
      plan: { requests: plan.assignments.length, raters: new Set(plan.assignments.map((a) => a.raterId)).size },
      warningsBasis: "plan",
      warnings: withPeople(groupSizeWarnings(plan.groups, cycle.min_group_size), who),
    };
  }

  // A decline is an anonymous rater's act too: the warnings below count from the day's count as well.
  const countedOn = (await countProgress(db, today, cycleId)).get(cycleId) ?? null;
  const [overall] = await queryRows<CountRow & { participants: number }>(
    db,
    sql`select count(distinct p.subject_id)::int as participants, ${progressCountColumns}
        from ${progressRows()} p where p.cycle_id = ${cycleId}`,
  );
  const departments = await requestCountsByDepartment(db, cycleId);
  // Requests still standing: a declined request will never become an answer.
  const groups = await queryRows<{
    subject_id: string;
    name: string;
    department: string;
    peers: number;
    direct_reports: number;
  }>(
    db,
    sql`select p.subject_id, s.name, s.department,
               coalesce(sum(p.pending + p.in_progress + p.submitted) filter (where p.relationship = 'peer'), 0)::int as peers,
               coalesce(sum(p.pending + p.in_progress + p.submitted) filter (where p.relationship = 'direct_report'), 0)::int as direct_reports
        from ${progressRows()} p join people s on s.id = p.subject_id
        where p.cycle_id = ${cycleId}
        group by p.subject_id, s.name, s.department`,
  );
  const who = new Map(groups.map((g) => [g.subject_id, { name: g.name, department: g.department }]));
  const anonymousGroups: AnonymousGroups[] = groups.map((g) => ({
    subjectId: g.subject_id,
    peers: Number(g.peers),
    directReports: Number(g.direct_reports),
  }));
  return {
    ...base,
    countedOn,
    participants: Number(overall?.participants ?? 0),
    requests: overall ? toCounts(overall) : noRequests,
    // Requests are the raters' acts: small departments are pooled, as in the organisation view.
    byDepartment: poolSmallDepartments(departments, Number(cycle.min_group_size)),
    nominations: null,
    plan: null,
    warningsBasis: "requests",
    warnings: withPeople(groupSizeWarnings(anonymousGroups, cycle.min_group_size), who),
  };
}

function withPeople(
  warnings: GroupSizeWarning[],
  who: Map<string, { name: string; department: string }>,
): GroupSizeWarningRow[] {
  return warnings
    .map((w) => ({ ...w, name: who.get(w.subjectId)?.name ?? "", department: who.get(w.subjectId)?.department ?? "" }))
    .sort(byName);
}
