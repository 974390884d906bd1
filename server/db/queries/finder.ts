import "server-only";
import { sql } from "drizzle-orm";
import {
  decideSlice,
  FILTER_KEYS,
  mediansOf,
  quadrantOf,
  rankShortlist,
  type FinderPerson,
  type Medians,
  type SliceDecision,
  type SliceFilters,
} from "../../domain/finder";
import type { Db } from "../engines";

export type { FinderPerson };
import { queryRows } from "../rows";

/**
 * The quiet-influencer finder for HR: every subject of a published cycle
 * whose anonymous pool was published, placed by competence (the shrunk
 * composite) against visibility (the shrunk visibility axis), both from
 * anonymous raters only. Reads published figures and the org chart; nothing
 * about raters.
 */

export interface FinderCycle {
  id: string;
  name: string;
  publishedAt: Date;
  minGroupSize: number;
}

export interface FinderView {
  cycles: FinderCycle[];
  cycle: FinderCycle | null;
  filters: SliceFilters;
  options: { departments: string[]; levels: number[]; locations: string[] };
  /** Of every plotted subject of the cycle: the quadrant lines stay put when a filter narrows the view. */
  medians: Medians | null;
  slice: SliceDecision;
  /** The slice's people; empty when the slice is hidden. */
  people: FinderPerson[];
  /** Quiet influencers of the slice, ids in shortlist order. */
  shortlist: string[];
  /** Subjects of the cycle left out because their anonymous figures are hidden (fewer than k raters). */
  withoutPool: number;
}

export class FinderCycleNotFoundError extends Error {
  constructor() {
    super("No such published cycle.");
    this.name = "FinderCycleNotFoundError";
  }
}

type CycleRow = { id: string; name: string; published_at: Date | string; min_group_size: number };

/** Published cycles with at least one composite, newest first. */
export async function listFinderCycles(db: Db): Promise<FinderCycle[]> {
  const rows = await queryRows<CycleRow>(
    db,
    sql`select c.id, c.name, c.published_at, c.min_group_size from cycles c
        where c.status = 'published' and c.published_at is not null
          and exists (select 1 from published_composites pc where pc.cycle_id = c.id)
        order by c.published_at desc, c.name`,
  );
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    publishedAt: c.published_at instanceof Date ? c.published_at : new Date(c.published_at),
    minGroupSize: Number(c.min_group_size),
  }));
}

/** The cycle asked for, or the newest; throws for one that is not a published cycle. */
export async function chooseFinderCycle(db: Db, cycleId?: string): Promise<{ cycles: FinderCycle[]; cycle: FinderCycle | null }> {
  const cycles = await listFinderCycles(db);
  const cycle = cycleId === undefined ? (cycles[0] ?? null) : (cycles.find((c) => c.id === cycleId) ?? null);
  if (cycleId !== undefined && !cycle) throw new FinderCycleNotFoundError();
  return { cycles, cycle };
}

type PointRow = {
  id: string;
  name: string;
  title: string;
  department: string;
  level: number | null;
  location: string;
  responses: number;
  competence: number;
  ci_low: number | null;
  ci_high: number | null;
  visibility: number;
  manager_gap: number | null;
  self_agreement: "blind_spot" | "hidden_strength" | "in_line" | null;
};

/** Every plotted subject of a cycle, with the org-chart fields the filters use. */
export async function loadFinderPoints(db: Db, cycleId: string): Promise<Omit<FinderPerson, "quadrant">[]> {
  const rows = await queryRows<PointRow>(
    db,
    sql`select p.id, p.name, p.title, p.department, p.level, p.location,
               pc.n as responses, pc.shrunk_mean as competence, pc.shrunk_low as ci_low, pc.shrunk_high as ci_high,
               pc.visibility,
               mgr.difference_from_others as manager_gap,
               slf.agreement::text as self_agreement
        from published_composites pc
        join people p on p.id = pc.subject_id
        left join published_composites mgr on mgr.cycle_id = pc.cycle_id and mgr.subject_id = pc.subject_id and mgr."group" = 'manager'
        left join published_composites slf on slf.cycle_id = pc.cycle_id and slf.subject_id = pc.subject_id and slf."group" = 'self'
        where pc.cycle_id = ${cycleId} and pc."group" = 'others' and not pc.suppressed and pc.visibility is not null
        order by p.name, p.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    title: r.title,
    department: r.department,
    level: r.level === null ? null : Number(r.level),
    location: r.location,
    responses: Number(r.responses),
    competence: Number(r.competence),
    competenceLow: r.ci_low === null ? null : Number(r.ci_low),
    competenceHigh: r.ci_high === null ? null : Number(r.ci_high),
    visibility: Number(r.visibility),
    managerGap: r.manager_gap === null ? null : Number(r.manager_gap),
    selfAgreement: r.self_agreement,
  }));
}

function matches(person: Pick<FinderPerson, "department" | "level" | "location">, filters: SliceFilters): boolean {
  return (
    (filters.department === undefined || person.department === filters.department) &&
    (filters.level === undefined || person.level === filters.level) &&
    (filters.location === undefined || person.location === filters.location)
  );
}

const sorted = <T>(values: Iterable<T>, compare?: (a: T, b: T) => number) => [...new Set(values)].sort(compare);

/** The finder for one cycle (the newest by default) and one slice of the organisation. */
export async function loadFinder(db: Db, input: { cycleId?: string; filters?: SliceFilters }): Promise<FinderView> {
  const filters: SliceFilters = {};
  for (const key of FILTER_KEYS) if (input.filters?.[key] !== undefined) (filters as Record<string, unknown>)[key] = input.filters[key];
  const { cycles, cycle } = await chooseFinderCycle(db, input.cycleId);
  const empty = { departments: [], levels: [], locations: [] };
  if (!cycle) {
    return { cycles, cycle, filters, options: empty, medians: null, slice: { shown: true, people: 0 }, people: [], shortlist: [], withoutPool: 0 };
  }

  const [points, [subjects]] = await Promise.all([
    loadFinderPoints(db, cycle.id),
    queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from published_composites where cycle_id = ${cycle.id} and "group" = 'others'`,
    ),
  ]);
  // Everyone not plotted: their composite, or their visibility, was hidden.
  const withoutPool = Number(subjects?.n ?? 0) - points.length;
  const medians = mediansOf(points);
  const everyone: FinderPerson[] = medians ? points.map((p) => ({ ...p, quadrant: quadrantOf(p, medians) })) : [];
  const options = {
    departments: sorted(everyone.map((p) => p.department)),
    levels: sorted(everyone.flatMap((p) => (p.level === null ? [] : [p.level])), (a, b) => a - b),
    locations: sorted(everyone.map((p) => p.location).filter((l) => l !== "")),
  };
  const slice = decideSlice(filters, (f) => everyone.filter((p) => matches(p, f)).length, cycle.minGroupSize);
  const people = slice.shown ? everyone.filter((p) => matches(p, filters)) : [];
  const shortlist = medians ? rankShortlist(people, medians).map((p) => p.id) : [];
  return { cycles, cycle, filters, options, medians, slice, people, shortlist, withoutPool };
}
