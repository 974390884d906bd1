/**
 * Peer nominations: while a cycle is `nominating`, each person taking part
 * proposes the peers who will give them feedback, and their manager approves,
 * rejects or adds. When collection starts, APPROVED nominations become peer
 * requests (cycle administration does that; this module never does).
 *
 * Rules, decided here and enforced in SQL:
 *
 * - A subject is anyone who takes part in the cycle (`takesPart`). A nominee is
 *   any active person (peers may come from other teams or departments), except
 *   the subject, the subject's manager and the subject's direct reports: those
 *   already give feedback as self, manager and direct report.
 * - Proposed and approved nominations count toward the cycle's `maxPeers`;
 *   rejected ones do not. Nominations of people who have since left
 *   (deactivated) are no longer shown or counted.
 * - A subject may withdraw their own proposals, proposed or approved, while the
 *   cycle is nominating. They cannot withdraw a peer their manager added, nor
 *   re-propose someone their manager rejected (the rejection stands, and is
 *   shown without a reason as "not approved by your manager").
 * - Proposing someone already proposed or approved is idempotent: it returns
 *   the existing nomination, so a double click proposes once.
 * - A subject with no active manager has nobody to approve their choices:
 *   their proposals are approved as they are made.
 * - A manager acts on their DIRECT reports only; that is part of every WHERE
 *   clause below, so anyone else's nomination is simply not found. They may
 *   approve, reject (a subject's proposal: kept as rejected; a peer they added
 *   themselves: removed), add (approved at once, `addedByManager`), or approve
 *   all of one report's proposals. Rejecting and re-approving is allowed while
 *   the cycle is nominating.
 * - Every write happens only while the cycle is `nominating`, and takes a share
 *   lock on the cycle row (so the cycle cannot advance mid-write) and a lock
 *   on the subject's row (so two writes cannot both squeeze under maxPeers).
 */
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { Refusal } from "../../domain/refusal";
import type { Db } from "../engines";
import { queryRows } from "../rows";
import { takesPart } from "./participants";

export type NominationStatus = "proposed" | "approved" | "rejected";

// A type, not an interface: row types passed to queryRows need an implicit index signature.
export type PersonCard = {
  id: string;
  name: string;
  title: string;
  department: string;
};

export interface Nomination {
  id: string;
  nominee: PersonCard;
  status: NominationStatus;
  addedByManager: boolean;
}

export interface NominationCycle {
  id: string;
  name: string;
  closesOn: string;
  /** k: the fewest anonymous raters behind any figure the subject will see. */
  minGroupSize: number;
  minPeers: number;
  maxPeers: number;
}

/** Why a suggested peer is suggested. */
export type SuggestionReason = "same_manager" | "same_department";

export interface Suggestion extends PersonCard {
  reason: SuggestionReason;
}

/** Why a person found by search cannot be added for this subject. */
export type Unavailable = "self" | "manager" | "direct_report" | "chosen" | "not_approved";

export interface SearchResult extends PersonCard {
  unavailable: Unavailable | null;
}

export interface MyNominations {
  cycle: NominationCycle;
  /** The manager who approves; null when there is none and choices stand as made. */
  approverName: string | null;
  nominations: Nomination[];
  /** Proposed + approved: what counts toward maxPeers. */
  chosen: number;
  approved: number;
  suggestions: Suggestion[];
}

export interface TeamNominationCycle extends NominationCycle {
  /** Direct reports who take part. */
  reports: number;
  /** Proposals waiting for the manager's decision. */
  toDecide: number;
  /** Reports with fewer approved peers than minPeers. */
  belowMinimum: number;
}

export interface TeamMemberNominations extends PersonCard {
  nominations: Nomination[];
  chosen: number;
  approved: number;
  proposed: number;
}

export interface TeamNominations {
  cycle: NominationCycle & { open: boolean };
  members: TeamMemberNominations[];
}

const SUGGESTION_LIMIT = 8;
const SEARCH_LIMIT = 20;

// ---------------------------------------------------------------- shared SQL

/** Who may be a peer of subject `s`: active, not themselves, not their manager, not their report. */
function eligibleNominee(p: string, s: string): SQL {
  const P = sql.identifier(p);
  const S = sql.identifier(s);
  return sql`(${P}.active and ${P}.id <> ${S}.id and ${P}.id is distinct from ${S}.manager_id and ${P}.manager_id is distinct from ${S}.id)`;
}

/** Nominations that count toward maxPeers (and are shown): not rejected, nominee still active. */
const countsTowardMax = sql`(n.status in ('proposed', 'approved') and nominee.active)`;

type CycleRow = {
  id: string;
  name: string;
  status: string;
  closes_on: string;
  min_group_size: number;
  min_peers: number;
  max_peers: number;
};

function toCycle(row: CycleRow): NominationCycle {
  return {
    id: row.id,
    name: row.name,
    closesOn: String(row.closes_on),
    minGroupSize: Number(row.min_group_size),
    minPeers: Number(row.min_peers),
    maxPeers: Number(row.max_peers),
  };
}

type NominationRow = {
  id: string;
  subject_id: string;
  status: NominationStatus;
  added_by_manager: boolean;
  nominee_id: string;
  nominee_name: string;
  nominee_title: string;
  nominee_department: string;
};

const nominationColumns = sql`n.id, n.subject_id, n.status::text as status, n.added_by_manager,
  nominee.id as nominee_id, nominee.name as nominee_name, nominee.title as nominee_title,
  nominee.department as nominee_department`;

function toNomination(row: NominationRow): Nomination {
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

async function readNomination(db: Db, nominationId: string): Promise<Nomination> {
  const [row] = await queryRows<NominationRow>(
    db,
    sql`select ${nominationColumns} from nominations n join people nominee on nominee.id = n.nominee_id where n.id = ${nominationId}`,
  );
  return toNomination(row!);
}

/** Reads the cycle and share-locks it, so it cannot leave `nominating` before this transaction ends. */
async function lockOpenCycle(tx: Db, cycleId: string): Promise<NominationCycle> {
  const [cycle] = await queryRows<CycleRow>(
    tx,
    sql`select id, name, status::text as status, closes_on::text as closes_on, min_group_size, min_peers, max_peers
        from cycles where id = ${cycleId} for share`,
  );
  if (!cycle) throw new Refusal("not_found", "No feedback cycle with that id.");
  if (cycle.status !== "nominating") throw new Refusal("invalid", `Nominations for ${cycle.name} are closed.`);
  return toCycle(cycle);
}

type SubjectRow = { id: string; name: string; manager_id: string | null; has_active_manager: boolean };

/**
 * Locks the subject's row for the rest of the transaction (writes for one
 * subject queue behind each other) and returns them, if they take part in the
 * cycle — and, when `managerId` is given, only if they report directly to them.
 */
async function lockSubject(
  tx: Db,
  cycleId: string,
  subjectId: string,
  managerId?: string,
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
async function countChosen(tx: Db, cycleId: string, subjectId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from nominations n join people nominee on nominee.id = n.nominee_id
        where n.cycle_id = ${cycleId} and n.subject_id = ${subjectId} and ${countsTowardMax}`,
  );
  return Number(row!.n);
}

type Perspective = "subject" | "manager";

/**
 * Refuses a nominee who is not an active person, or who already rates the
 * subject in another role. The messages speak to the subject ("your manager")
 * or to their manager ("their manager").
 */
async function assertEligibleNominee(
  tx: Db,
  subjectId: string,
  nomineeId: string,
  perspective: Perspective,
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

function tooMany(cycle: NominationCycle, perspective: Perspective, subjectName: string): Refusal {
  return new Refusal(
    "invalid",
    perspective === "subject"
      ? `You can nominate at most ${cycle.maxPeers} peers. Remove one before adding another.`
      : `${subjectName} already has ${cycle.maxPeers} peers, the most ${cycle.name} allows. Remove or reject one first.`,
  );
}

type ExistingRow = { id: string; status: NominationStatus; added_by_manager: boolean };

async function findExisting(
  tx: Db,
  cycleId: string,
  subjectId: string,
  nomineeId: string,
): Promise<ExistingRow | undefined> {
  const [row] = await queryRows<ExistingRow>(
    tx,
    sql`select id, status::text as status, added_by_manager from nominations
        where cycle_id = ${cycleId} and subject_id = ${subjectId} and nominee_id = ${nomineeId}`,
  );
  return row;
}

// ---------------------------------------------------------------- the subject

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
      suggestions: await suggestPeers(db, cycle.id, subjectId),
    });
  }
  return result;
}

/**
 * Likely peers: people who share the subject's manager first, then others in
 * the same department nearest in level. Never anyone who cannot be a peer, nor
 * anyone already nominated (in any state).
 */
export async function suggestPeers(db: Db, cycleId: string, subjectId: string): Promise<Suggestion[]> {
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
    const subject = await lockSubject(tx, params.cycleId, params.subjectId);
    if (!subject) throw new Refusal("forbidden", `You are not taking part in ${cycle.name}.`);
    const nominee = await assertEligibleNominee(tx, subject.id, params.nomineeId, "subject");

    const existing = await findExisting(tx, cycle.id, subject.id, nominee.id);
    if (existing?.status === "rejected") {
      throw new Refusal("invalid", `Your manager did not approve ${nominee.name} as a peer for ${cycle.name}.`);
    }
    if (existing) return existing.id;

    if ((await countChosen(tx, cycle.id, subject.id)) >= cycle.maxPeers) throw tooMany(cycle, "subject", subject.name);
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

// ---------------------------------------------------------------- the manager

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
async function findManagedNomination(tx: Db, managerId: string, nominationId: string): Promise<ManagedNominationRow> {
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

/**
 * The manager approves or rejects one nomination of a direct report. Rejecting
 * a peer the manager added removes it (the subject never asked for it).
 */
export async function decideNomination(
  db: Db,
  params: { managerId: string; nominationId: string; decision: "approve" | "reject" },
): Promise<{ id: string; status: NominationStatus | "removed" }> {
  return db.transaction(async (tx) => {
    const found = await findManagedNomination(tx, params.managerId, params.nominationId);
    const cycle = await lockOpenCycle(tx, found.cycle_id);
    const subject = await lockSubject(tx, cycle.id, found.subject_id, params.managerId);
    if (!subject)
      throw new Refusal("not_found", `No direct report of yours with that nomination takes part in ${cycle.name}.`);
    const row = (await findExisting(tx, cycle.id, subject.id, found.nominee_id))!;

    if (params.decision === "reject") {
      if (row.added_by_manager) {
        const removed = await queryRows<{ id: string }>(
          tx,
          sql`delete from nominations n using people s, cycles c where n.id = ${row.id} and ${managedBy(params.managerId)} returning n.id`,
        );
        if (removed.length !== 1) throw new Refusal("not_found", "No nomination in your team has that id.");
        return { id: row.id, status: "removed" as const };
      }
    } else {
      // The org chart may have changed since the proposal; the rules still hold at approval.
      await assertEligibleNominee(tx, subject.id, found.nominee_id, "manager");
      if (row.status === "rejected" && (await countChosen(tx, cycle.id, subject.id)) >= cycle.maxPeers) {
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
    const cycle = await lockOpenCycle(tx, params.cycleId);
    const subject = await lockSubject(tx, cycle.id, params.subjectId, params.managerId);
    if (!subject) throw new Refusal("not_found", `No direct report of yours with that id takes part in ${cycle.name}.`);
    const nominee = await assertEligibleNominee(tx, subject.id, params.nomineeId, "manager");

    const existing = await findExisting(tx, cycle.id, subject.id, nominee.id);
    if (existing?.status === "approved") return existing.id;
    if (existing?.status !== "proposed" && (await countChosen(tx, cycle.id, subject.id)) >= cycle.maxPeers) {
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
    const cycle = await lockOpenCycle(tx, params.cycleId);
    const subject = await lockSubject(tx, cycle.id, params.subjectId, params.managerId);
    if (!subject) throw new Refusal("not_found", `No direct report of yours with that id takes part in ${cycle.name}.`);
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
