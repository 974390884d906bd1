/** The manager's side, on direct reports only: the team's cycles and nominations, deciding, adding, approving all. */
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { Refusal } from "../../../domain/refusal";
import type { Db } from "../../engines";
import { queryRows } from "../../rows";
import { takesPart } from "../participants";
import type { NominationStatus } from "../../../../lib/vocabulary";
import type { Nomination, PersonCard, TeamNominationCycle, TeamNominations } from "../../../shapes/nominations";
import {
  eligibleNominee,
  type CycleRow,
  toCycle,
  type NominationRow,
  nominationColumns,
  toNomination,
  readNomination,
  lockOpenCycle,
  lockSubject,
  countChosen,
  assertEligibleNominee,
  tooMany,
  type ExistingRow,
  findExisting,
} from "./rules";

/** Nominating cycles in which at least one of the manager's direct reports takes part, with what waits for them. */
export async function listTeamNominationCycles(db: Db, managerId: string): Promise<TeamNominationCycle[]> {
  const rows = await queryRows<CycleRow & { reports: number; to_decide: number; below_minimum: number }>(
    db,
    sql`with members as (
          select c.id as cycle_id, r.id as subject_id,
                 (select count(*) from nominations n join people nominee on nominee.id = n.nominee_id
                  where n.cycle_id = c.id and n.subject_id = r.id and n.status = 'proposed' and nominee.active) as proposed,
                 (select count(*) from nominations n join people nominee on nominee.id = n.nominee_id
                  where n.cycle_id = c.id and n.subject_id = r.id and n.status = 'approved' and nominee.active) as approved
          from cycles c join people r on r.manager_id = ${managerId} and ${takesPart("r", "c")}
          where c.status = 'nominating'
        )
        select c.id, c.name, c.status::text as status, c.closes_on::text as closes_on, c.min_group_size, c.min_peers, c.max_peers,
               count(*)::int as reports,
               coalesce(sum(m.proposed), 0)::int as to_decide,
               count(*) filter (where m.approved < c.min_peers)::int as below_minimum
        from members m join cycles c on c.id = m.cycle_id
        group by c.id
        order by c.closes_on, c.name, c.id`,
  );
  return rows.map((r) => ({
    ...toCycle(r),
    reports: Number(r.reports),
    toDecide: Number(r.to_decide),
    belowMinimum: Number(r.below_minimum),
  }));
}

/** Each direct report taking part in the cycle, with their nominations. */
export async function getTeamNominations(
  db: Db,
  params: { managerId: string; cycleId: string },
): Promise<TeamNominations> {
  const [cycle] = await queryRows<CycleRow>(
    db,
    sql`select id, name, status::text as status, closes_on::text as closes_on, min_group_size, min_peers, max_peers from cycles where id = ${params.cycleId}`,
  );
  if (!cycle) throw new Refusal("not_found", "No feedback cycle with that id.");
  const members = await queryRows<PersonCard>(
    db,
    sql`select r.id, r.name, r.title, r.department
        from people r, cycles c
        where c.id = ${cycle.id} and r.manager_id = ${params.managerId} and ${takesPart("r", "c")}
        order by r.name, r.id`,
  );
  const rows = await queryRows<NominationRow>(
    db,
    sql`select ${nominationColumns}
        from nominations n
        join people r on r.id = n.subject_id
        join people nominee on nominee.id = n.nominee_id
        where n.cycle_id = ${cycle.id} and r.manager_id = ${params.managerId} and nominee.active
        order by case n.status when 'proposed' then 0 when 'approved' then 1 else 2 end, nominee.name, n.id`,
  );
  return {
    cycle: { ...toCycle(cycle), open: cycle.status === "nominating" },
    members: members.map((member) => {
      const nominations = rows.filter((r) => r.subject_id === member.id).map(toNomination);
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

type ManagedNominationRow = ExistingRow & {
  cycle_id: string;
  subject_id: string;
  subject_name: string;
  nominee_id: string;
};

/** A nomination of one of the manager's direct reports; anyone else's is not found. */
async function findManagedNomination(
  tx: Db,
  { managerId, nominationId }: { managerId: string; nominationId: string },
): Promise<ManagedNominationRow> {
  const [row] = await queryRows<ManagedNominationRow>(
    tx,
    sql`select n.id, n.cycle_id, n.subject_id, n.nominee_id, n.status::text as status, n.added_by_manager, s.name as subject_name
        from nominations n join people s on s.id = n.subject_id
        where n.id = ${nominationId} and s.manager_id = ${managerId}`,
  );
  if (!row) throw new Refusal("not_found", "No nomination in your team has that id.");
  return row;
}

/** Ownership and openness, repeated in every manager write's own WHERE clause. */
function managedBy(managerId: string): SQL {
  return sql`s.id = n.subject_id and s.manager_id = ${managerId} and c.id = n.cycle_id and c.status = 'nominating' and ${takesPart("s", "c")}`;
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
    const cycle = await lockOpenCycle(tx, found.cycle_id);
    const subject = await lockSubject(tx, {
      cycleId: cycle.id,
      subjectId: found.subject_id,
      managerId: params.managerId,
    });
    if (!subject)
      throw new Refusal("not_found", `No direct report of yours with that nomination takes part in ${cycle.name}.`);
    const row = (await findExisting(tx, { cycleId: cycle.id, subjectId: subject.id, nomineeId: found.nominee_id }))!;

    if (params.decision === "reject") {
      if (row.addedByManager) {
        const removed = await queryRows<{ id: string }>(
          tx,
          sql`delete from nominations n using people s, cycles c where n.id = ${row.id} and ${managedBy(params.managerId)} returning n.id`,
        );
        if (removed.length !== 1) throw new Refusal("not_found", "No nomination in your team has that id.");
        return { id: row.id, status: "removed" as const };
      }
    } else {
      // The org chart may have changed since the proposal; the rules still hold at approval.
      await assertEligibleNominee(tx, { subjectId: subject.id, nomineeId: found.nominee_id, perspective: "manager" });
      if (
        row.status === "rejected" &&
        (await countChosen(tx, { cycleId: cycle.id, subjectId: subject.id })) >= cycle.maxPeers
      ) {
        throw tooMany(cycle, "manager", subject.name);
      }
    }
    const status: NominationStatus = params.decision === "approve" ? "approved" : "rejected";
    const updated = await queryRows<{ id: string }>(
      tx,
      sql`update nominations n set status = ${status} from people s, cycles c
          where n.id = ${row.id} and ${managedBy(params.managerId)} returning n.id`,
    );
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
    const nominee = await assertEligibleNominee(tx, {
      subjectId: subject.id,
      nomineeId: params.nomineeId,
      perspective: "manager",
    });

    const existing = await findExisting(tx, { cycleId: cycle.id, subjectId: subject.id, nomineeId: nominee.id });
    if (existing?.status === "approved") return existing.id;
    if (
      existing?.status !== "proposed" &&
      (await countChosen(tx, { cycleId: cycle.id, subjectId: subject.id })) >= cycle.maxPeers
    ) {
      throw tooMany(cycle, "manager", subject.name);
    }
    if (existing) {
      const updated = await queryRows<{ id: string }>(
        tx,
        sql`update nominations n set status = 'approved' from people s, cycles c
            where n.id = ${existing.id} and ${managedBy(params.managerId)} returning n.id`,
      );
      return updated[0]!.id;
    }
    const [inserted] = await queryRows<{ id: string }>(
      tx,
      sql`insert into nominations (cycle_id, subject_id, nominee_id, status, added_by_manager)
          select c.id, s.id, ${nominee.id}, 'approved', true from cycles c, people s
          where c.id = ${cycle.id} and s.id = ${subject.id} and s.manager_id = ${params.managerId}
            and c.status = 'nominating' and ${takesPart("s", "c")}
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
    const updated = await queryRows<{ id: string }>(
      tx,
      sql`update nominations n set status = 'approved' from people s, cycles c, people p
          where n.cycle_id = ${cycle.id} and n.subject_id = ${subject.id} and n.status = 'proposed'
            and ${managedBy(params.managerId)} and p.id = n.nominee_id and ${eligibleNominee("p", "s")}
          returning n.id`,
    );
    return { approved: updated.length };
  });
}
