/** The subject's side: their nominating cycles, suggestions, search, proposing and withdrawing. */
import "server-only";
import { and, desc, eq, exists, ilike, inArray, ne, not, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { Refusal } from "../../../domain/refusal";
import type { Db } from "../../engines";
import { cycles, nominations, people } from "../../schema";
import { takesPart } from "../participants";
import type { NominationStatus } from "../../../../lib/vocabulary";
import type { MyNominations, Nomination, SearchResult, Suggestion, Unavailable } from "../../../shapes/nominations";
import {
  eligibleNominee,
  cycleColumns,
  toCycle,
  nominationColumns,
  nominee,
  subject as subjectPerson,
  toNomination,
  readNomination,
  lockOpenCycle,
  lockSubject,
  countChosen,
  assertEligibleNominee,
  tooMany,
  findExisting,
} from "./rules";

const SUGGESTION_LIMIT = 8;
const SEARCH_LIMIT = 20;

/** The nominating cycles the person takes part in, with their nominations and suggested peers. */
export async function listMyNominations(db: Db, subjectId: string): Promise<MyNominations[]> {
  const approver = alias(people, "m");
  const open = await db
    .select({ ...cycleColumns, approverName: approver.name })
    .from(subjectPerson)
    .innerJoin(cycles, and(eq(cycles.status, "nominating"), takesPart(subjectPerson, cycles)))
    .leftJoin(approver, and(eq(approver.id, subjectPerson.managerId), eq(approver.active, true)))
    .where(eq(subjectPerson.id, subjectId))
    .orderBy(cycles.closesOn, cycles.name, cycles.id);
  if (open.length === 0) return [];

  const rows = await db
    .select({ ...nominationColumns, cycleId: nominations.cycleId })
    .from(nominations)
    .innerJoin(cycles, eq(cycles.id, nominations.cycleId))
    .innerJoin(nominee, eq(nominee.id, nominations.nomineeId))
    .where(and(eq(nominations.subjectId, subjectId), eq(cycles.status, "nominating"), eq(nominee.active, true)))
    .orderBy(sql`${nominations.status} = 'rejected'`, nominee.name, nominations.id);

  const result: MyNominations[] = [];
  for (const cycle of open) {
    const nominations = rows.filter((r) => r.cycleId === cycle.id).map(toNomination);
    result.push({
      cycle: toCycle(cycle),
      approverName: cycle.approverName,
      nominations,
      chosen: nominations.filter((n) => n.status !== "rejected").length,
      approved: nominations.filter((n) => n.status === "approved").length,
      suggestions: await suggestPeers(db, { cycleId: cycle.id, subjectId }),
    });
  }
  return result;
}

/**
 * Likely peers: people who share the subject's manager first, then others in
 * the same department nearest in level. Never anyone who cannot be a peer, nor
 * anyone already nominated (in any state).
 */
export async function suggestPeers(
  db: Db,
  { cycleId, subjectId }: { cycleId: string; subjectId: string },
): Promise<Suggestion[]> {
  const s = subjectPerson;
  const p = alias(people, "p");
  const sameManager = sql<boolean>`coalesce(${p.managerId} = ${s.managerId}, false)`;
  const rows = await db
    .select({ id: p.id, name: p.name, title: p.title, department: p.department, sameManager })
    .from(s)
    .innerJoin(
      p,
      and(eligibleNominee(p, s), or(sameManager, and(ne(s.department, ""), eq(p.department, s.department)))),
    )
    .where(
      and(
        eq(s.id, subjectId),
        notExists(
          db
            .select({ one: sql`1` })
            .from(nominations)
            .where(
              and(eq(nominations.cycleId, cycleId), eq(nominations.subjectId, s.id), eq(nominations.nomineeId, p.id)),
            ),
        ),
      ),
    )
    .orderBy(desc(sameManager), sql`abs(coalesce(${p.level}, 0) - coalesce(${s.level}, 0))`, p.name, p.id)
    .limit(SUGGESTION_LIMIT);
  return rows.map(({ sameManager, ...person }) => ({
    ...person,
    reason: sameManager ? "same_manager" : "same_department",
  }));
}

/** Escapes LIKE's wildcards so that "50%" or "a_b" mean what they say. */
function escapeLike(word: string): string {
  return word.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function likePattern(word: string): string {
  return `%${escapeLike(word)}%`;
}

/**
 * Active people whose name, title or department contain every word of the
 * query, for a subject of a nominating cycle. The subject is the caller, or —
 * when `subjectId` is given — a direct report of the caller. Each result says
 * whether it can be added, and if not, why.
 */
export async function searchPeopleForNomination(
  db: Db,
  params: { actorId: string; cycleId: string; subjectId?: string; query: string },
): Promise<SearchResult[]> {
  const words = params.query.trim().split(/\s+/).filter(Boolean).slice(0, 6);
  if (words.length === 0) return [];
  const subjectId = params.subjectId ?? params.actorId;
  const asManager = params.subjectId !== undefined && params.subjectId !== params.actorId;

  const s = subjectPerson;
  const [cycle] = await db
    .select({
      ...cycleColumns,
      subjectOk: exists(
        db
          .select({ one: sql`1` })
          .from(s)
          .where(
            and(eq(s.id, subjectId), takesPart(s, cycles), asManager ? eq(s.managerId, params.actorId) : undefined),
          ),
      ).mapWith(Boolean),
    })
    .from(cycles)
    .where(eq(cycles.id, params.cycleId));
  if (!cycle) throw new Refusal("not_found", "No feedback cycle with that id.");
  if (asManager && !cycle.subjectOk) {
    throw new Refusal("not_found", `No direct report of yours with that id takes part in ${cycle.name}.`);
  }
  if (cycle.status !== "nominating") throw new Refusal("invalid", `Nominations for ${cycle.name} are closed.`);
  if (!cycle.subjectOk) throw new Refusal("forbidden", `You are not taking part in ${cycle.name}.`);

  const p = alias(people, "p");
  const haystack = sql`(${p.name} || ' ' || ${p.title} || ' ' || ${p.department})`;
  const rows = await db
    .select({
      id: p.id,
      name: p.name,
      title: p.title,
      department: p.department,
      unavailable: sql<Unavailable | null>`case when ${p.id} = ${s.id} then 'self'
                    when ${p.id} is not distinct from ${s.managerId} then 'manager'
                    when ${p.managerId} is not distinct from ${s.id} then 'direct_report'
                    when ${nominations.status} = 'rejected' then 'not_approved'
                    when ${nominations.id} is not null then 'chosen'
               end`,
    })
    .from(s)
    .innerJoin(p, and(eq(p.active, true), ...words.map((word) => ilike(haystack, likePattern(word)))))
    .leftJoin(
      nominations,
      and(eq(nominations.cycleId, params.cycleId), eq(nominations.subjectId, s.id), eq(nominations.nomineeId, p.id)),
    )
    .where(eq(s.id, subjectId))
    .orderBy(desc(ilike(p.name, `${escapeLike(words[0]!)}%`)), p.name, p.id)
    .limit(SEARCH_LIMIT);
  return rows.map((r) => ({ ...r, unavailable: r.unavailable ?? null }));
}

/**
 * The subject proposes a peer. Idempotent: proposing someone already proposed
 * or approved returns that nomination and writes nothing.
 */
export async function proposeNomination(
  db: Db,
  params: { subjectId: string; cycleId: string; nomineeId: string },
): Promise<Nomination> {
  const id = await db.transaction(async (tx) => {
    const cycle = await lockOpenCycle(tx, params.cycleId);
    const subject = await lockSubject(tx, { cycleId: params.cycleId, subjectId: params.subjectId });
    if (!subject) throw new Refusal("forbidden", `You are not taking part in ${cycle.name}.`);
    const peer = await assertEligibleNominee(tx, {
      subjectId: subject.id,
      nomineeId: params.nomineeId,
      perspective: "subject",
    });

    const existing = await findExisting(tx, { cycleId: cycle.id, subjectId: subject.id, nomineeId: peer.id });
    if (existing?.status === "rejected") {
      throw new Refusal("invalid", `Your manager did not approve ${peer.name} as a peer for ${cycle.name}.`);
    }
    if (existing) return existing.id;

    if ((await countChosen(tx, { cycleId: cycle.id, subjectId: subject.id })) >= cycle.maxPeers) {
      throw tooMany(cycle, "subject", subject.name);
    }
    const status: NominationStatus = subject.hasActiveManager ? "proposed" : "approved";
    const [inserted] = await tx
      .insert(nominations)
      .values({ cycleId: cycle.id, subjectId: subject.id, nomineeId: peer.id, status, addedByManager: false })
      .returning({ id: nominations.id });
    return inserted!.id;
  });
  return readNomination(db, id);
}

/** The subject takes back one of their own proposals (proposed or approved). */
export async function withdrawNomination(
  db: Db,
  params: { subjectId: string; nominationId: string },
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    // Only the subject's own nomination is ever found.
    const [row] = await tx
      .select({
        id: nominations.id,
        cycleId: nominations.cycleId,
        status: nominations.status,
        addedByManager: nominations.addedByManager,
        nomineeName: nominee.name,
      })
      .from(nominations)
      .innerJoin(nominee, eq(nominee.id, nominations.nomineeId))
      .where(and(eq(nominations.id, params.nominationId), eq(nominations.subjectId, params.subjectId)));
    if (!row) throw new Refusal("not_found", "You have no nomination with that id.");
    await lockOpenCycle(tx, row.cycleId);
    if (row.addedByManager) {
      throw new Refusal("invalid", `Your manager added ${row.nomineeName}; ask them if you'd like a change.`);
    }
    if (row.status === "rejected") {
      throw new Refusal(
        "invalid",
        `${row.nomineeName} was not approved by your manager, so there is nothing to withdraw.`,
      );
    }
    const deleted = await tx
      .delete(nominations)
      .where(
        and(
          eq(nominations.id, row.id),
          eq(nominations.subjectId, params.subjectId),
          not(nominations.addedByManager),
          inArray(nominations.status, ["proposed", "approved"]),
          exists(
            tx
              .select({ one: sql`1` })
              .from(cycles)
              .where(and(eq(cycles.id, nominations.cycleId), eq(cycles.status, "nominating"))),
          ),
        ),
      )
      .returning({ id: nominations.id });
    if (deleted.length !== 1) throw new Refusal("not_found", "You have no nomination with that id.");
    return { id: row.id };
  });
}
