/** What the subject's and the manager's nomination writes share: the eligibility rule in SQL, the locks, the row readings. */
import "server-only";
import { and, count, eq, exists, sql, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import { Refusal } from "../../../domain/refusal";
import type { Db } from "../../engines";
import { cycles, nominations, people } from "../../schema";
import { takesPart } from "../participants";
import type { NominationStatus } from "../../../../lib/vocabulary";
import type { Nomination, NominationCycle, PersonCard } from "../../../shapes/nominations";

// ---------------------------------------------------------------- shared SQL

/** The people a nomination query names besides the person searched: the subject and the nominee. */
export const subject = alias(people, "s");
export const nominee = alias(people, "nominee");

type PersonColumns = { id: AnyPgColumn; active: AnyPgColumn; managerId: AnyPgColumn };

/** Who may be a peer of subject `s`: active, not themselves, not their manager, not their report. */
export function eligibleNominee(p: PersonColumns, s: PersonColumns): SQL {
  return sql`(${p.active} and ${p.id} <> ${s.id} and ${p.id} is distinct from ${s.managerId} and ${p.managerId} is distinct from ${s.id})`;
}

/** Nominations that count toward maxPeers (and are shown): not rejected, nominee still active. */
const countsTowardMax = sql`(${nominations.status} in ('proposed', 'approved') and ${nominee.active})`;

/** A cycle as the nomination pages show it, with its status. */
export const cycleColumns = {
  id: cycles.id,
  name: cycles.name,
  status: cycles.status,
  closesOn: cycles.closesOn,
  minGroupSize: cycles.minGroupSize,
  minPeers: cycles.minPeers,
  maxPeers: cycles.maxPeers,
};

export function toCycle({ id, name, closesOn, minGroupSize, minPeers, maxPeers }: NominationCycle): NominationCycle {
  return { id, name, closesOn, minGroupSize, minPeers, maxPeers };
}

/** A nomination with its nominee (joined as `nominee`), in the shape the pages read, and whose it is. */
export const nominationColumns = {
  id: nominations.id,
  subjectId: nominations.subjectId,
  status: nominations.status,
  addedByManager: nominations.addedByManager,
  nominee: { id: nominee.id, name: nominee.name, title: nominee.title, department: nominee.department },
};

export function toNomination({ id, status, addedByManager, nominee }: Nomination): Nomination {
  return { id, status, addedByManager, nominee };
}

export async function readNomination(db: Db, nominationId: string): Promise<Nomination> {
  const [row] = await db
    .select(nominationColumns)
    .from(nominations)
    .innerJoin(nominee, eq(nominee.id, nominations.nomineeId))
    .where(eq(nominations.id, nominationId));
  return toNomination(row!);
}

/** Reads the cycle and share-locks it, so it cannot leave `nominating` before this transaction ends. */
export async function lockOpenCycle(tx: Db, cycleId: string): Promise<NominationCycle> {
  const [cycle] = await tx.select(cycleColumns).from(cycles).where(eq(cycles.id, cycleId)).for("share");
  if (!cycle) throw new Refusal("not_found", "No feedback cycle with that id.");
  if (cycle.status !== "nominating") throw new Refusal("invalid", `Nominations for ${cycle.name} are closed.`);
  return toCycle(cycle);
}

/**
 * Locks the subject's row for the rest of the transaction (writes for one
 * subject queue behind each other) and returns them, if they take part in the
 * cycle — and, when `managerId` is given, only if they report directly to them.
 */
export async function lockSubject(
  tx: Db,
  { cycleId, subjectId, managerId }: { cycleId: string; subjectId: string; managerId?: string },
) {
  const manager = alias(people, "m");
  const [row] = await tx
    .select({
      id: subject.id,
      name: subject.name,
      managerId: subject.managerId,
      hasActiveManager: exists(
        tx
          .select({ one: sql`1` })
          .from(manager)
          .where(and(eq(manager.id, subject.managerId), eq(manager.active, true))),
      ).mapWith(Boolean),
    })
    .from(subject)
    .innerJoin(cycles, eq(cycles.id, cycleId))
    .where(
      and(
        eq(subject.id, subjectId),
        takesPart(subject, cycles),
        managerId === undefined ? undefined : eq(subject.managerId, managerId),
      ),
    )
    .for("no key update", { of: subject });
  return row;
}

/** Proposed + approved nominations of an active nominee, for maxPeers. */
export async function countChosen(
  tx: Db,
  { cycleId, subjectId }: { cycleId: string; subjectId: string },
): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(nominations)
    .innerJoin(nominee, eq(nominee.id, nominations.nomineeId))
    .where(and(eq(nominations.cycleId, cycleId), eq(nominations.subjectId, subjectId), countsTowardMax));
  return row!.n;
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
  const person = alias(people, "p");
  const [row] = await tx
    .select({
      id: person.id,
      name: person.name,
      title: person.title,
      department: person.department,
      subjectName: subject.name,
      isSelf: sql<boolean>`${person.id} = ${subject.id}`,
      isManager: sql<boolean>`${person.id} is not distinct from ${subject.managerId}`,
      isReport: sql<boolean>`${person.managerId} is not distinct from ${subject.id}`,
    })
    .from(person)
    .innerJoin(subject, eq(subject.id, subjectId))
    .where(and(eq(person.id, nomineeId), eq(person.active, true)));
  if (!row) throw new Refusal("not_found", "No one active in the organisation has that id.");
  const yours = perspective === "subject";
  if (row.isSelf) {
    throw new Refusal(
      "invalid",
      yours ? "You can't nominate yourself: your self-review covers that." : `${row.name} can't be their own peer.`,
    );
  }
  if (row.isManager) {
    throw new Refusal(
      "invalid",
      yours
        ? `${row.name} is your manager and gives you feedback as your manager already.`
        : `You are ${row.subjectName}'s manager and give feedback as their manager already.`,
    );
  }
  if (row.isReport) {
    throw new Refusal(
      "invalid",
      yours
        ? `${row.name} reports to you and gives you feedback as your direct report already.`
        : `${row.name} reports to ${row.subjectName} and gives feedback as their direct report already.`,
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
