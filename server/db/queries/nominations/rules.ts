/** What the subject's and the manager's nomination writes share: the eligibility rule in SQL, the locks, the row readings. */
import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { Refusal } from "../../../domain/refusal";
import type { Db } from "../../engines";
import { queryRows } from "../../rows";
import { nominations } from "../../schema";
import { takesPart } from "../participants";
import type { NominationStatus } from "../../../../lib/vocabulary";
import type { Nomination, NominationCycle, PersonCard } from "../../../shapes/nominations";

// ---------------------------------------------------------------- shared SQL

/** Who may be a peer of subject `s`: active, not themselves, not their manager, not their report. */
export function eligibleNominee(p: string, s: string): SQL {
  const P = sql.identifier(p);
  const S = sql.identifier(s);
  return sql`(${P}.active and ${P}.id <> ${S}.id and ${P}.id is distinct from ${S}.manager_id and ${P}.manager_id is distinct from ${S}.id)`;
}

/** Nominations that count toward maxPeers (and are shown): not rejected, nominee still active. */
export const countsTowardMax = sql`(n.status in ('proposed', 'approved') and nominee.active)`;

export type CycleRow = {
  id: string;
  name: string;
  status: string;
  closes_on: string;
  min_group_size: number;
  min_peers: number;
  max_peers: number;
};

export function toCycle(row: CycleRow): NominationCycle {
  return {
    id: row.id,
    name: row.name,
    closesOn: String(row.closes_on),
    minGroupSize: Number(row.min_group_size),
    minPeers: Number(row.min_peers),
    maxPeers: Number(row.max_peers),
  };
}

export type NominationRow = {
  id: string;
  subject_id: string;
  status: NominationStatus;
  added_by_manager: boolean;
  nominee_id: string;
  nominee_name: string;
  nominee_title: string;
  nominee_department: string;
};

export const nominationColumns = sql`n.id, n.subject_id, n.status::text as status, n.added_by_manager,
  nominee.id as nominee_id, nominee.name as nominee_name, nominee.title as nominee_title,
  nominee.department as nominee_department`;

export function toNomination(row: NominationRow): Nomination {
  return {
    id: row.id,
    status: row.status,
    addedByManager: Boolean(row.added_by_manager),
    nominee: {
      id: row.nominee_id,
      name: row.nominee_name,
      title: row.nominee_title,
      department: row.nominee_department,
    },
  };
}

export async function readNomination(db: Db, nominationId: string): Promise<Nomination> {
  const [row] = await queryRows<NominationRow>(
    db,
    sql`select ${nominationColumns} from nominations n join people nominee on nominee.id = n.nominee_id where n.id = ${nominationId}`,
  );
  return toNomination(row!);
}

/** Reads the cycle and share-locks it, so it cannot leave `nominating` before this transaction ends. */
export async function lockOpenCycle(tx: Db, cycleId: string): Promise<NominationCycle> {
  const [cycle] = await queryRows<CycleRow>(
    tx,
    sql`select id, name, status::text as status, closes_on::text as closes_on, min_group_size, min_peers, max_peers
        from cycles where id = ${cycleId} for share`,
  );
  if (!cycle) throw new Refusal("not_found", "No feedback cycle with that id.");
  if (cycle.status !== "nominating") throw new Refusal("invalid", `Nominations for ${cycle.name} are closed.`);
  return toCycle(cycle);
}

export type SubjectRow = { id: string; name: string; manager_id: string | null; has_active_manager: boolean };

/**
 * Locks the subject's row for the rest of the transaction (writes for one
 * subject queue behind each other) and returns them, if they take part in the
 * cycle — and, when `managerId` is given, only if they report directly to them.
 */
export async function lockSubject(
  tx: Db,
  { cycleId, subjectId, managerId }: { cycleId: string; subjectId: string; managerId?: string },
): Promise<SubjectRow | undefined> {
  const [row] = await queryRows<SubjectRow>(
    tx,
    sql`select s.id, s.name, s.manager_id,
               exists (select 1 from people m where m.id = s.manager_id and m.active) as has_active_manager
        from people s, cycles c
        where s.id = ${subjectId} and c.id = ${cycleId} and ${takesPart("s", "c")}
          ${managerId === undefined ? sql`` : sql`and s.manager_id = ${managerId}`}
        for no key update of s`,
  );
  return row;
}

/** Proposed + approved nominations of an active nominee, for maxPeers. */
export async function countChosen(
  tx: Db,
  { cycleId, subjectId }: { cycleId: string; subjectId: string },
): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from nominations n join people nominee on nominee.id = n.nominee_id
        where n.cycle_id = ${cycleId} and n.subject_id = ${subjectId} and ${countsTowardMax}`,
  );
  return Number(row!.n);
}

export type Perspective = "subject" | "manager";

/**
 * Refuses a nominee who is not an active person, or who already rates the
 * subject in another role. The messages speak to the subject ("your manager")
 * or to their manager ("their manager").
 */
export async function assertEligibleNominee(
  tx: Db,
  { subjectId, nomineeId, perspective }: { subjectId: string; nomineeId: string; perspective: Perspective },
): Promise<PersonCard> {
  const [row] = await queryRows<
    PersonCard & { is_self: boolean; is_manager: boolean; is_report: boolean; subject_name: string }
  >(
    tx,
    sql`select p.id, p.name, p.title, p.department, s.name as subject_name,
               p.id = s.id as is_self,
               p.id is not distinct from s.manager_id as is_manager,
               p.manager_id is not distinct from s.id as is_report
        from people p, people s
        where p.id = ${nomineeId} and s.id = ${subjectId} and p.active`,
  );
  if (!row) throw new Refusal("not_found", "No one active in the organisation has that id.");
  const yours = perspective === "subject";
  if (row.is_self) {
    throw new Refusal(
      "invalid",
      yours ? "You can't nominate yourself: your self-review covers that." : `${row.name} can't be their own peer.`,
    );
  }
  if (row.is_manager) {
    throw new Refusal(
      "invalid",
      yours
        ? `${row.name} is your manager and gives you feedback as your manager already.`
        : `You are ${row.subject_name}'s manager and give feedback as their manager already.`,
    );
  }
  if (row.is_report) {
    throw new Refusal(
      "invalid",
      yours
        ? `${row.name} reports to you and gives you feedback as your direct report already.`
        : `${row.name} reports to ${row.subject_name} and gives feedback as their direct report already.`,
    );
  }
  return { id: row.id, name: row.name, title: row.title, department: row.department };
}

export function tooMany(cycle: NominationCycle, perspective: Perspective, subjectName: string): Refusal {
  return new Refusal(
    "invalid",
    perspective === "subject"
      ? `You can nominate at most ${cycle.maxPeers} peers. Remove one before adding another.`
      : `${subjectName} already has ${cycle.maxPeers} peers, the most ${cycle.name} allows. Remove or reject one first.`,
  );
}

export type ExistingRow = { id: string; status: NominationStatus; added_by_manager: boolean };

export async function findExisting(
  tx: Db,
  { cycleId, subjectId, nomineeId }: { cycleId: string; subjectId: string; nomineeId: string },
): Promise<{ id: string; status: NominationStatus; addedByManager: boolean } | undefined> {
  const [row] = await tx
    .select({ id: nominations.id, status: nominations.status, addedByManager: nominations.addedByManager })
    .from(nominations)
    .where(
      and(eq(nominations.cycleId, cycleId), eq(nominations.subjectId, subjectId), eq(nominations.nomineeId, nomineeId)),
    );
  return row;
}
