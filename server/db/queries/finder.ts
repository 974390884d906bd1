import "server-only";
import { and, count, eq, type SQL, sql } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import {
  decideSlice,
  DENSITY_BINS,
  FINDER_PAGE_SIZE,
  FILTER_KEYS,
  POINTS_LIMIT,
  subFilters,
} from "../../domain/finder";
import { type Agreement, type Quadrant, QUADRANTS } from "../../../lib/vocabulary";
import { Refusal } from "../../domain/refusal";
import type { Db } from "../engines";
import { queryRows } from "../rows";
import { listPublishedCyclesWith } from "./published-figure";
import { cycles, publishedComposites, publishedFinderGroups, publishedFinderPeople } from "../schema";
import type {
  FinderChart,
  FinderCycle,
  FinderFrame,
  FinderList,
  FinderPage,
  FinderPerson,
  FinderSummary,
  FinderView,
  SliceFilters,
} from "../../shapes/finder";

/**
 * The quiet-influencer finder for HR: every subject of a published cycle
 * whose anonymous pool was published, placed by competence (the shrunk
 * composite) against visibility (the shrunk visibility axis), both from
 * anonymous raters only. Reads published figures and the org chart; nothing
 * about raters.
 *
 * Everyone is placed once, at publish (finder-placement.ts): medians,
 * quadrants, shortlist order, density cells and counts per group. Reading
 * then costs what the page shows, whatever the organisation's size: the
 * counts come from a few hundred rows, the people a page at a time, and a
 * large slice is drawn as a density grid rather than one mark per person.
 * People appear as they stood when the cycle was published. What it returns
 * is declared once, in server/shapes/finder.ts.
 */

/** How many of the shortlist the density grid draws as marks, as the point chart numbers them. */
const LEADERS = 10;

const noPeople = (pageSize: number): FinderPage => ({ people: [], total: 0, page: 1, pageSize });

const NO_QUADRANTS: Record<Quadrant, number> = {
  quiet_influencer: 0,
  visible_leader: 0,
  visible_not_leading: 0,
  developing: 0,
};

/** Published cycles with at least one composite, newest first. */
export function listFinderCycles(db: Db): Promise<FinderCycle[]> {
  return listPublishedCyclesWith(
    db,
    db
      .select({ one: sql`1` })
      .from(publishedComposites)
      .where(eq(publishedComposites.cycleId, cycles.id)),
  );
}

/** The cycle asked for, or the newest; throws for one that is not a published cycle. */
export async function chooseFinderCycle(
  db: Db,
  cycleId?: string,
): Promise<{ cycles: FinderCycle[]; cycle: FinderCycle | null }> {
  const cycles = await listFinderCycles(db);
  const cycle = cycleId === undefined ? (cycles[0] ?? null) : (cycles.find((c) => c.id === cycleId) ?? null);
  if (cycleId !== undefined && !cycle) throw new Refusal("not_found", "No such published cycle.");
  return { cycles, cycle };
}

/** Only the filters given, in a fixed order: what the view echoes and the export names its file after. */
function cleanFilters(input?: SliceFilters): SliceFilters {
  const filters: SliceFilters = {};
  for (const key of FILTER_KEYS) if (input?.[key] !== undefined) (filters as Record<string, unknown>)[key] = input[key];
  return filters;
}

/** Placed people (published_finder_people) or their counts (published_finder_groups), or an alias of either. */
type Placed = { department: AnyPgColumn; level: AnyPgColumn; location: AnyPgColumn };

/** The slice as a condition on `p`; `true` for the whole organisation. */
function inSlice(filters: SliceFilters, p: Placed): SQL {
  const conditions = [sql`true`];
  if (filters.department !== undefined) conditions.push(sql`${p.department} = ${filters.department}`);
  if (filters.level !== undefined) conditions.push(sql`${p.level} = ${filters.level}`);
  if (filters.location !== undefined) conditions.push(sql`${p.location} = ${filters.location}`);
  return sql.join(conditions, sql` and `);
}

type SummaryRow = {
  subjects: number;
  median_competence: number | null;
  median_visibility: number | null;
  competence_from: number | null;
  competence_to: number | null;
  visibility_from: number | null;
  visibility_to: number | null;
  departments: string[];
  levels: number[];
  locations: string[];
  counts: number[];
  quadrants: number[];
};

/**
 * The cycle's frame and options, the counts the slice rules need (the slice
 * and each broader view made of some of its filters) and the slice's
 * quadrants, in one statement over the counts placed at publish.
 */
async function summarise(db: Db, { cycleId, filters }: { cycleId: string; filters: SliceFilters }) {
  const views = [filters, ...subFilters(filters)];
  const p = alias(publishedFinderGroups, "p");
  const [row] = await queryRows<SummaryRow>(
    db,
    sql`select f.subjects, f.median_competence, f.median_visibility, f.competence_from, f.competence_to, f.visibility_from, f.visibility_to,
          array(select distinct department collate "C" from published_finder_groups where cycle_id = f.cycle_id order by 1) as departments,
          array(select distinct level from published_finder_groups where cycle_id = f.cycle_id and level is not null order by 1) as levels,
          array(select distinct location collate "C" from published_finder_groups where cycle_id = f.cycle_id and location <> '' order by 1) as locations,
          g.counts, g.quadrants
        from published_finder_cycles f
        -- Sums are coalesced: the PostgreSQL driver reads a NULL inside an
        -- integer array as NaN, which a cycle with nobody placed would give.
        cross join lateral (
          select array[${sql.join(
            views.map((view) => sql`coalesce(sum(p.people) filter (where ${inSlice(view, p)}), 0)::int`),
            sql`, `,
          )}] as counts,
                 array[${sql.join(
                   QUADRANTS.map(
                     (q) =>
                       sql`coalesce(sum(p.people) filter (where ${inSlice(filters, p)} and p.quadrant = ${q}), 0)::int`,
                   ),
                   sql`, `,
                 )}] as quadrants
          from published_finder_groups p where p.cycle_id = f.cycle_id
        ) g
        where f.cycle_id = ${cycleId}`,
  );
  const medians =
    row?.median_competence == null || row.median_visibility == null
      ? null
      : { competence: Number(row.median_competence), visibility: Number(row.median_visibility) };
  const frame: FinderFrame | null =
    medians && row
      ? {
          competence: [Number(row.competence_from), Number(row.competence_to)],
          visibility: [Number(row.visibility_from), Number(row.visibility_to)],
        }
      : null;
  const countOf = new Map(
    views.map((view, index) => [JSON.stringify(cleanFilters(view)), Number(row?.counts[index] ?? 0)]),
  );
  const quadrants = { ...NO_QUADRANTS };
  QUADRANTS.forEach((q, index) => (quadrants[q] = Number(row?.quadrants[index] ?? 0)));
  return {
    medians,
    frame,
    quadrants,
    subjects: Number(row?.subjects ?? 0),
    options: {
      departments: row?.departments ?? [],
      levels: (row?.levels ?? []).map(Number),
      locations: row?.locations ?? [],
    },
    countOf: (view: SliceFilters) => countOf.get(JSON.stringify(cleanFilters(view))) ?? 0,
  };
}

interface Summary extends FinderSummary {
  frame: FinderFrame | null;
}

/** Everything about a view but its people: which cycle, the options, the medians, whether the slice may be shown, its quadrants. */
export async function loadFinderSummary(db: Db, input: { cycleId?: string; filters?: SliceFilters }): Promise<Summary> {
  const filters = cleanFilters(input.filters);
  const { cycles, cycle } = await chooseFinderCycle(db, input.cycleId);
  if (!cycle) {
    const options = { departments: [], levels: [], locations: [] };
    return {
      cycles,
      cycle,
      filters,
      options,
      medians: null,
      slice: { shown: true, people: 0 },
      quadrants: { ...NO_QUADRANTS },
      withoutPool: 0,
      frame: null,
    };
  }
  const summary = await summarise(db, { cycleId: cycle.id, filters });
  const slice = decideSlice(filters, summary.countOf, cycle.minGroupSize);
  // Everyone not placed: their composite, or their visibility, was hidden.
  const withoutPool = summary.subjects - summary.countOf({});
  const quadrants = slice.shown ? summary.quadrants : { ...NO_QUADRANTS };
  return {
    cycles,
    cycle,
    filters,
    options: summary.options,
    medians: summary.medians,
    slice,
    quadrants,
    withoutPool,
    frame: summary.frame,
  };
}

type PersonRow = {
  subject_id: string;
  name: string;
  title: string;
  department: string;
  level: number | null;
  location: string;
  responses: number;
  competence: number;
  competence_low: number | null;
  competence_high: number | null;
  visibility: number;
  quadrant: Quadrant;
  rank: number | null;
  manager_gap: number | null;
  self_agreement: Agreement | null;
};

/**
 * People of a slice as placed at publish: the shortlist in rank order or
 * everyone by name, `limit` from `offset`. A slice's shortlist keeps the
 * organisation's order, so a rank is a place among the slice's own quiet
 * influencers in that order.
 */
async function listPeople(
  db: Db,
  {
    cycleId,
    filters,
    list,
    page,
  }: { cycleId: string; filters: SliceFilters; list: FinderList; page: { limit: number | null; offset: number } },
): Promise<FinderPerson[]> {
  const order = list === "shortlist" ? sql`shortlist_order` : sql`name, subject_id`;
  const whole = Object.keys(filters).length === 0;
  const p = alias(publishedFinderPeople, "p");
  const rows = await queryRows<PersonRow>(
    db,
    sql`with listed as (
          select * from published_finder_people p
          where p.cycle_id = ${cycleId} and ${inSlice(filters, p)} ${list === "shortlist" ? sql`and p.shortlist_order is not null` : sql``}
          order by ${order} ${page.limit === null ? sql`` : sql`limit ${page.limit}`} offset ${page.offset}
        )
        ${
          whole
            ? sql`select listed.*, listed.shortlist_order as rank from listed`
            : sql`select listed.*, ranks.rank from listed left join (
                    select p.subject_id, row_number() over (order by p.shortlist_order) as rank
                    from published_finder_people p
                    where p.cycle_id = ${cycleId} and ${inSlice(filters, p)} and p.shortlist_order is not null
                  ) ranks on ranks.subject_id = listed.subject_id`
        }
        order by ${order}`,
  );
  return rows.map((r) => ({
    id: r.subject_id,
    name: r.name,
    title: r.title,
    department: r.department,
    level: r.level === null ? null : Number(r.level),
    location: r.location,
    responses: Number(r.responses),
    competence: Number(r.competence),
    competenceLow: r.competence_low === null ? null : Number(r.competence_low),
    competenceHigh: r.competence_high === null ? null : Number(r.competence_high),
    visibility: Number(r.visibility),
    quadrant: r.quadrant,
    rank: r.rank === null ? null : Number(r.rank),
    managerGap: r.manager_gap === null ? null : Number(r.manager_gap),
    selfAgreement: r.self_agreement,
  }));
}

/** How many people of the slice fall in each cell of the cycle's density grid. */
async function densityCells(db: Db, { cycleId, filters }: { cycleId: string; filters: SliceFilters }) {
  const p = publishedFinderPeople;
  return db
    .select({ competence: p.competenceCell, visibility: p.visibilityCell, people: count() })
    .from(p)
    .where(and(eq(p.cycleId, cycleId), inSlice(filters, p)))
    .groupBy(p.competenceCell, p.visibilityCell)
    .orderBy(p.competenceCell, p.visibilityCell);
}

/** The finder for one cycle (the newest by default) and one slice of the organisation: the summary, the chart and the shortlist's first page. */
export async function loadFinder(
  db: Db,
  {
    pointsLimit = POINTS_LIMIT,
    ...input
  }: {
    cycleId?: string;
    filters?: SliceFilters;
    /** Above this many people the chart is a density grid. */
    pointsLimit?: number;
  },
): Promise<FinderView> {
  const { frame, ...summary } = await loadFinderSummary(db, input);
  const { cycle, slice, filters } = summary;
  if (!cycle || !frame || !slice.shown || slice.people === 0)
    return { ...summary, chart: null, shortlist: noPeople(FINDER_PAGE_SIZE) };
  const total = summary.quadrants.quiet_influencer;
  const points = slice.people <= pointsLimit;
  const [first, people, cells] = await Promise.all([
    total > 0
      ? listPeople(db, { cycleId: cycle.id, filters, list: "shortlist", page: { limit: FINDER_PAGE_SIZE, offset: 0 } })
      : [],
    points ? listPeople(db, { cycleId: cycle.id, filters, list: "everyone", page: { limit: null, offset: 0 } }) : null,
    points ? null : densityCells(db, { cycleId: cycle.id, filters }),
  ]);
  const shortlist = { people: first, total, page: 1, pageSize: FINDER_PAGE_SIZE };
  const chart: FinderChart = people
    ? { kind: "points", ...frame, people }
    : { kind: "density", ...frame, bins: DENSITY_BINS, cells: cells ?? [], leaders: first.slice(0, LEADERS) };
  return { ...summary, chart, shortlist };
}

/**
 * One page of the slice's shortlist (in rank order) or of everyone in it (by
 * name); `pageSize` null for all of them (the export). Refuses a slice the
 * anonymity rules hide, as the view does.
 */
export async function loadFinderPeople(
  db: Db,
  input: { cycleId: string; filters?: SliceFilters; list: FinderList; page?: number; pageSize?: number | null },
): Promise<FinderPage & { summary: FinderSummary }> {
  const summary: FinderSummary = await loadFinderSummary(db, input);
  const page = input.page ?? 1;
  const pageSize = input.pageSize === undefined ? FINDER_PAGE_SIZE : input.pageSize;
  if (!summary.slice.shown) throw new Refusal("invalid", summary.slice.reason);
  const total = input.list === "shortlist" ? summary.quadrants.quiet_influencer : summary.slice.people;
  const people =
    summary.cycle && total > 0
      ? await listPeople(db, {
          cycleId: summary.cycle.id,
          filters: summary.filters,
          list: input.list,
          page: { limit: pageSize, offset: pageSize === null ? 0 : (page - 1) * pageSize },
        })
      : [];
  return { people, total, page, pageSize: pageSize ?? total, summary };
}
