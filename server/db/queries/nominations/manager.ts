/** The manager's side, on direct reports only: the team's cycles and nominations, deciding, adding, approving all. */
import "server-only";
import { and, eq, exists, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { Refusal } from "../../../domain/refusal";
import type { Db } from "../../engines";
import { queryRows } from "../../rows";
import { cycles, nominations, people } from "../../schema";
import { takesPart } from "../participants";
import type { NominationStatus } from "../../../../lib/vocabulary";
import type { Nomination, TeamNominationCycle, TeamNominations } from "../../../shapes/nominations";
import {
  eligibleNominee,
  cycleColumns,
  toCycle,
  nominationColumns,
  nominee,
  subject as report,
  toNomination,
  readNomination,
  lockOpenCycle,
  lockSubject,
  countChosen,
  assertEligibleNominee,
  tooMany,
  findExisting,
} from "./rules";

/** Nominating cycles in which at least one of the manager's direct reports takes part, with what waits for them. */
export async function listTeamNominationCycles(db: Db, managerId: string): Promise<TeamNominationCycle[]> {
  // Counts per report, then per cycle: a set-based aggregate, kept as SQL.
  const r = alias(people, "r");
  const c = alias(cycles, "c");
  return queryRows<TeamNominationCycle>(
    db,
    sql`with members as (
          select c.id as cycle_id, r.id as subject_id,
                 (select count(*) from nominations n join people nominee on nominee.id = n.nominee_id
                  where n.cycle_id = c.id and n.subject_id = r.id and n.status = 'proposed' and nominee.active) as proposed,
                 (select count(*) from nominations n join people nominee on nominee.id = n.nominee_id
                  where n.cycle_id = c.id and n.subject_id = r.id and n.status = 'approved' and nominee.active) as approved
          from cycles c join people r on r.manager_id = ${managerId} and ${takesPart(r, c)}
          where c.status = 'nominating'
        )
        select c.id, c.name, c.closes_on::text as "closesOn", c.min_group_size as "minGroupSize",
               c.min_peers as "minPeers", c.max_peers as "maxPeers",
               count(*)::int as reports,
               coalesce(sum(m.proposed), 0)::int as "toDecide",
               count(*) filter (where m.approved < c.min_peers)::int as "belowMinimum"
        from members m join cycles c on c.id = m.cycle_id
        group by c.id
        order by c.closes_on, c.name, c.id`,
  );
}

/** Each direct report taking part in the cycle, with their nominations. */
export async function getTeamNominations(
  db: Db,
  params: { managerId: string; cycleId: string },
): Promise<TeamNominations> {
  const [cycle] = await db.select(cycleColumns).from(cycles).where(eq(cycles.id, params.cycleId));
  if (!cycle) throw new Refusal("not_found", "No feedback cycle with that id.");
  const members = await db
    .select({ id: report.id, name: report.name, title: report.title, department: report.department })
    .from(report)
    .innerJoin(cycles, eq(cycles.id, cycle.id))
    .where(and(eq(report.managerId, params.managerId), takesPart(report, cycles)))
    .orderBy(report.name, report.id);
  const rows = await db
    .select(nominationColumns)
    .from(nominations)
    .innerJoin(report, eq(report.id, nominations.subjectId))
    .innerJoin(nominee, eq(nominee.id, nominations.nomineeId))
    .where(and(eq(nominations.cycleId, cycle.id), eq(report.managerId, params.managerId), eq(nominee.active, true)))
    .orderBy(
      sql`case ${nominations.status} when 'proposed' then 0 when 'approved' then 1 else 2 end`,
      nominee.name,
      nominations.id,
    );
  return {
    cycle: { ...toCycle(cycle), open: cycle.status === "nominating" },
    members: members.map((member) => {
      const nominations = rows.filter((r) => r.subjectId === member.id).map(toNomination);
      return {
        id: member.id,
        name: member.name,
        title: member.title,
        department: member.department,
        nominations,
        chosen: nominations.filter((n) => n.status !== "rejected").length,
        approved: nominations.filter((n) => n.status === "approved").length,
        proposed: nominations.filter((n) => n.status === "proposed").length,
      };
    }),
  };
}

/** A nomination of one of the manager's direct reports; anyone else's is not found. */
async function findManagedNomination(tx: Db, { managerId, nominationId }: { managerId: string; nominationId: string }) {
  const [row] = await tx
    .select({ cycleId: nominations.cycleId, subjectId: nominations.subjectId, nomineeId: nominations.nomineeId })
    .from(nominations)
    .innerJoin(report, eq(report.id, nominations.subjectId))
    .where(and(eq(nominations.id, nominationId), eq(report.managerId, managerId)));
  if (!row) throw new Refusal("not_found", "No nomination in your team has that id.");
  return row;
}

/** Ownership and openness, repeated in every manager write's own WHERE clause: the
 *  nomination's subject reports to the manager and takes part in its cycle, which is nominating. */
function managedBy(tx: Db, managerId: string): SQL {
  return exists(
    tx
      .select({ one: sql`1` })
      .from(report)
      .innerJoin(cycles, eq(cycles.id, nominations.cycleId))
      .where(
        and(
          eq(report.id, nominations.subjectId),
          eq(report.managerId, managerId),
          eq(cycles.status, "nominating"),
          takesPart(report, cycles),
        ),
      ),
  );
}

/** The open cycle and the manager's direct report taking part in it, both locked; anyone else's report is not found. */
async function lockCycleAndReport(
  tx: Db,
  { managerId, cycleId, subjectId }: { managerId: string; cycleId: string; subjectId: string },
) {
  const cycle = await lockOpenCycle(tx, cycleId);
  const subject = await lockSubject(tx, { cycleId: cycle.id, subjectId, managerId });
  if (!subject) throw new Refusal("not_found", `No direct report of yours with that id takes part in ${cycle.name}.`);
  return { cycle, subject };
}

/**
 * The manager approves or rejects one nomination of a direct report. Rejecting
 * a peer the manager added removes it (the subject never asked for it).
 */
export async function decideNomination(
  db: Db,
  params: { managerId: string; nominationId: string; decision: "approve" | "reject" },
): Promise<{ id: string; status: NominationStatus | "removed" }> {
  return db.transaction(async (tx) => {
    const found = await findManagedNomination(tx, params);
    const cycle = await lockOpenCycle(tx, found.cycleId);
    const subject = await lockSubject(tx, {
      cycleId: cycle.id,
      subjectId: found.subjectId,
      managerId: params.managerId,
    });
    if (!subject)
      throw new Refusal("not_found", `No direct report of yours with that nomination takes part in ${cycle.name}.`);
    const row = (await findExisting(tx, { cycleId: cycle.id, subjectId: subject.id, nomineeId: found.nomineeId }))!;

    if (params.decision === "reject") {
      if (row.addedByManager) {
        const removed = await tx
          .delete(nominations)
          .where(and(eq(nominations.id, row.id), managedBy(tx, params.managerId)))
          .returning({ id: nominations.id });
        if (removed.length !== 1) throw new Refusal("not_found", "No nomination in your team has that id.");
        return { id: row.id, status: "removed" as const };
      }
    } else {
      // The org chart may have changed since the proposal; the rules still hold at approval.
      await assertEligibleNominee(tx, { subjectId: subject.id, nomineeId: found.nomineeId, perspective: "manager" });
      if (
        row.status === "rejected" &&
        (await countChosen(tx, { cycleId: cycle.id, subjectId: subject.id })) >= cycle.maxPeers
      ) {
        throw tooMany(cycle, "manager", subject.name);
      }
    }
    const status: NominationStatus = params.decision === "approve" ? "approved" : "rejected";
    const updated = await tx
      .update(nominations)
      .set({ status })
      .where(and(eq(nominations.id, row.id), managedBy(tx, params.managerId)))
      .returning({ id: nominations.id });
    if (updated.length !== 1) throw new Refusal("not_found", "No nomination in your team has that id.");
    return { id: row.id, status };
  });
}

/** The manager adds a peer for a direct report: approved at once. Adding someone already nominated approves them. */
export async function addNominationAsManager(
  db: Db,
  params: { managerId: string; cycleId: string; subjectId: string; nomineeId: string },
): Promise<Nomination> {
  const id = await db.transaction(async (tx) => {
    const { cycle, subject } = await lockCycleAndReport(tx, params);
    const peer = await assertEligibleNominee(tx, {
      subjectId: subject.id,
      nomineeId: params.nomineeId,
      perspective: "manager",
    });

    const existing = await findExisting(tx, { cycleId: cycle.id, subjectId: subject.id, nomineeId: peer.id });
    if (existing?.status === "approved") return existing.id;
    if (
      existing?.status !== "proposed" &&
      (await countChosen(tx, { cycleId: cycle.id, subjectId: subject.id })) >= cycle.maxPeers
    ) {
      throw tooMany(cycle, "manager", subject.name);
    }
    if (existing) {
      const updated = await tx
        .update(nominations)
        .set({ status: "approved" })
        .where(and(eq(nominations.id, existing.id), managedBy(tx, params.managerId)))
        .returning({ id: nominations.id });
      return updated[0]!.id;
    }
    // Inserted only where the report and the cycle are still the manager's and open: an
    // INSERT … SELECT, which the query builder writes only for every column of the table.
    const s = alias(people, "s");
    const c = alias(cycles, "c");
    const [inserted] = await queryRows<{ id: string }>(
      tx,
      sql`insert into nominations (cycle_id, subject_id, nominee_id, status, added_by_manager)
          select c.id, s.id, ${peer.id}, 'approved', true from cycles c, people s
          where c.id = ${cycle.id} and s.id = ${subject.id} and s.manager_id = ${params.managerId}
            and c.status = 'nominating' and ${takesPart(s, c)}
          returning id`,
    );
    return inserted!.id;
  });
  return readNomination(db, id);
}

/** The manager approves every proposal one direct report is waiting on. */
export async function approveAllProposed(
  db: Db,
  params: { managerId: string; cycleId: string; subjectId: string },
): Promise<{ approved: number }> {
  return db.transaction(async (tx) => {
    const { cycle, subject } = await lockCycleAndReport(tx, params);
    const p = alias(people, "p");
    const updated = await tx
      .update(nominations)
      .set({ status: "approved" })
      .where(
        and(
          eq(nominations.cycleId, cycle.id),
          eq(nominations.subjectId, subject.id),
          eq(nominations.status, "proposed"),
          managedBy(tx, params.managerId),
          // The org chart may have changed since each proposal: approve only those who may still be peers.
          exists(
            tx
              .select({ one: sql`1` })
              .from(p)
              .innerJoin(report, eq(report.id, nominations.subjectId))
              .where(and(eq(p.id, nominations.nomineeId), eligibleNominee(p, report))),
          ),
        ),
      )
      .returning({ id: nominations.id });
    return { approved: updated.length };
  });
}
