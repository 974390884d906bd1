/** The subject's side: their nominating cycles, suggestions, search, proposing and withdrawing. */
import "server-only";
import { sql } from "drizzle-orm";
import { Refusal } from "../../../domain/refusal";
import type { Db } from "../../engines";
import { queryRows } from "../../rows";
import { takesPart } from "../participants";
import type { NominationStatus } from "../../../../lib/vocabulary";
import type {
  MyNominations,
  Nomination,
  PersonCard,
  SearchResult,
  Suggestion,
  Unavailable,
} from "../../../shapes/nominations";
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

const SUGGESTION_LIMIT = 8;
const SEARCH_LIMIT = 20;

/** The nominating cycles the person takes part in, with their nominations and suggested peers. */
export async function listMyNominations(db: Db, subjectId: string): Promise<MyNominations[]> {
  const cycles = await queryRows<CycleRow & { approver_name: string | null }>(
    db,
    sql`select c.id, c.name, c.status::text as status, c.closes_on::text as closes_on, c.min_group_size, c.min_peers, c.max_peers,
               m.name as approver_name
        from people s
        join cycles c on c.status = 'nominating' and ${takesPart("s", "c")}
        left join people m on m.id = s.manager_id and m.active
        where s.id = ${subjectId}
        order by c.closes_on, c.name, c.id`,
  );
  if (cycles.length === 0) return [];

  const rows = await queryRows<NominationRow & { cycle_id: string }>(
    db,
    sql`select n.cycle_id, ${nominationColumns}
        from nominations n
        join cycles c on c.id = n.cycle_id
        join people nominee on nominee.id = n.nominee_id
        where n.subject_id = ${subjectId} and c.status = 'nominating' and nominee.active
        order by n.status = 'rejected', nominee.name, n.id`,
  );

  const result: MyNominations[] = [];
  for (const cycle of cycles) {
    const nominations = rows.filter((r) => r.cycle_id === cycle.id).map(toNomination);
    result.push({
      cycle: toCycle(cycle),
      approverName: cycle.approver_name,
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
  const rows = await queryRows<PersonCard & { same_manager: boolean }>(
    db,
    sql`select p.id, p.name, p.title, p.department,
               coalesce(p.manager_id = s.manager_id, false) as same_manager
        from people s
        join people p on ${eligibleNominee("p", "s")}
          and (coalesce(p.manager_id = s.manager_id, false) or (s.department <> '' and p.department = s.department))
        where s.id = ${subjectId}
          and not exists (select 1 from nominations n
                          where n.cycle_id = ${cycleId} and n.subject_id = s.id and n.nominee_id = p.id)
        order by coalesce(p.manager_id = s.manager_id, false) desc,
                 abs(coalesce(p.level, 0) - coalesce(s.level, 0)), p.name, p.id
        limit ${SUGGESTION_LIMIT}`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    title: r.title,
    department: r.department,
    reason: r.same_manager ? "same_manager" : "same_department",
  }));
}

/** Escapes LIKE's wildcards so that "50%" or "a_b" mean what they say. */
function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
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

  const [cycle] = await queryRows<CycleRow & { subject_ok: boolean }>(
    db,
    sql`select c.id, c.name, c.status::text as status, c.closes_on::text as closes_on, c.min_group_size, c.min_peers, c.max_peers,
               exists (select 1 from people s where s.id = ${subjectId} and ${takesPart("s", "c")}
                       ${asManager ? sql`and s.manager_id = ${params.actorId}` : sql``}) as subject_ok
        from cycles c where c.id = ${params.cycleId}`,
  );
  if (!cycle) throw new Refusal("not_found", "No feedback cycle with that id.");
  if (asManager && !cycle.subject_ok) {
    throw new Refusal("not_found", `No direct report of yours with that id takes part in ${cycle.name}.`);
  }
  if (cycle.status !== "nominating") throw new Refusal("invalid", `Nominations for ${cycle.name} are closed.`);
  if (!cycle.subject_ok) throw new Refusal("forbidden", `You are not taking part in ${cycle.name}.`);

  const haystack = sql`(p.name || ' ' || p.title || ' ' || p.department)`;
  const matches = sql.join(
    words.map((word) => sql`${haystack} ilike ${likePattern(word)}`),
    sql` and `,
  );
  const rows = await queryRows<PersonCard & { unavailable: Unavailable | null }>(
    db,
    sql`select p.id, p.name, p.title, p.department,
               case when p.id = s.id then 'self'
                    when p.id is not distinct from s.manager_id then 'manager'
                    when p.manager_id is not distinct from s.id then 'direct_report'
                    when n.status = 'rejected' then 'not_approved'
                    when n.id is not null then 'chosen'
               end as unavailable
        from people s
        join people p on p.active and ${matches}
        left join nominations n on n.cycle_id = ${params.cycleId} and n.subject_id = s.id and n.nominee_id = p.id
        where s.id = ${subjectId}
        order by p.name ilike ${`${words[0]!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} desc, p.name, p.id
        limit ${SEARCH_LIMIT}`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    title: r.title,
    department: r.department,
    unavailable: r.unavailable ?? null,
  }));
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
    const nominee = await assertEligibleNominee(tx, {
      subjectId: subject.id,
      nomineeId: params.nomineeId,
      perspective: "subject",
    });

    const existing = await findExisting(tx, { cycleId: cycle.id, subjectId: subject.id, nomineeId: nominee.id });
    if (existing?.status === "rejected") {
      throw new Refusal("invalid", `Your manager did not approve ${nominee.name} as a peer for ${cycle.name}.`);
    }
    if (existing) return existing.id;

    if ((await countChosen(tx, { cycleId: cycle.id, subjectId: subject.id })) >= cycle.maxPeers) {
      throw tooMany(cycle, "subject", subject.name);
    }
    const status: NominationStatus = subject.has_active_manager ? "proposed" : "approved";
    const [inserted] = await queryRows<{ id: string }>(
      tx,
      sql`insert into nominations (cycle_id, subject_id, nominee_id, status, added_by_manager)
          values (${cycle.id}, ${subject.id}, ${nominee.id}, ${status}, false)
          returning id`,
    );
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
    const [row] = await queryRows<ExistingRow & { cycle_id: string; nominee_name: string }>(
      tx,
      sql`select n.id, n.cycle_id, n.status::text as status, n.added_by_manager, nominee.name as nominee_name
          from nominations n join people nominee on nominee.id = n.nominee_id
          where n.id = ${params.nominationId} and n.subject_id = ${params.subjectId}`,
    );
    if (!row) throw new Refusal("not_found", "You have no nomination with that id.");
    await lockOpenCycle(tx, row.cycle_id);
    if (row.added_by_manager) {
      throw new Refusal("invalid", `Your manager added ${row.nominee_name}; ask them if you'd like a change.`);
    }
    if (row.status === "rejected") {
      throw new Refusal(
        "invalid",
        `${row.nominee_name} was not approved by your manager, so there is nothing to withdraw.`,
      );
    }
    const deleted = await queryRows<{ id: string }>(
      tx,
      sql`delete from nominations n using cycles c
          where n.id = ${row.id} and n.subject_id = ${params.subjectId} and c.id = n.cycle_id
            and c.status = 'nominating' and not n.added_by_manager and n.status in ('proposed', 'approved')
          returning n.id`,
    );
    if (deleted.length !== 1) throw new Refusal("not_found", "You have no nomination with that id.");
    return { id: row.id };
  });
}
