import "server-only";
import { sql } from "drizzle-orm";
import { poolSmallDepartments, suppressWithComplements } from "../../domain/disclosure";
import { decideSlice } from "../../domain/finder";
import type { Db } from "../engines";
import { queryRows } from "../rows";
import { requestCountsByDepartment } from "./cycle-admin";
import { chooseFinderCycle } from "./finder";
import type { AxisKind } from "../../../lib/vocabulary";
import type { FinderCycle } from "../../shapes/finder";

/**
 * HR's views of the whole organisation for one published cycle: departments
 * × competencies, the people whose competence moved since the previous
 * published cycle beyond what chance explains, and response rates per
 * department. Built from subject-level published figures only; a department
 * is shown only under the same slice rule as the finder.
 */

export type OrganisationAxis = {
  id: string;
  key: string;
  name: string;
  kind: AxisKind;
};

export type DepartmentCell = { shown: true; mean: number; people: number } | { shown: false; people: number };

export interface DepartmentRow {
  department: string;
  /** People of the department with a published anonymous composite. */
  people: number;
  shown: boolean;
  reason: string | null;
  /** By axis id; empty when the department is hidden. */
  cells: Record<string, DepartmentCell>;
}

export interface Mover {
  id: string;
  name: string;
  title: string;
  department: string;
  before: number;
  now: number;
  ciLow: number;
  ciHigh: number;
}

export interface ResponseRate {
  department: string;
  participants: number;
  total: number;
  submitted: number;
  declined: number;
}

export interface OrganisationOverview {
  cycles: FinderCycle[];
  cycle: FinderCycle | null;
  axes: OrganisationAxis[];
  /** The organisation's mean of everyone's shown figure, by axis id: what departments are compared with. */
  organisation: Record<string, number>;
  departments: DepartmentRow[];
  movers: { previous: FinderCycle | null; rose: Mover[]; fell: Mover[] };
  responseRates: ResponseRate[];
}

export async function loadOrganisationOverview(db: Db, cycleId?: string): Promise<OrganisationOverview> {
  const { cycles, cycle } = await chooseFinderCycle(db, cycleId);
  if (!cycle)
    return {
      cycles,
      cycle,
      axes: [],
      organisation: {},
      departments: [],
      movers: { previous: null, rose: [], fell: [] },
      responseRates: [],
    };
  const k = cycle.minGroupSize;
  const previous = cycles.find((c) => c.publishedAt < cycle.publishedAt) ?? null;

  const [axes, pooled, cells, movers, rates] = await Promise.all([
    queryRows<OrganisationAxis>(
      db,
      sql`select co.id, co.key, co.name, co.kind::text as kind
          from competencies co join cycles c on c.model_id = co.model_id
          where c.id = ${cycle.id}
          order by (co.kind = 'visibility'), co.position`,
    ),
    // Who counts towards a department: subjects with a published anonymous composite.
    queryRows<{ department: string; people: number }>(
      db,
      sql`select p.department, count(*)::int as people
          from published_composites pc join people p on p.id = pc.subject_id
          where pc.cycle_id = ${cycle.id} and pc."group" = 'others' and not pc.suppressed
          group by p.department order by p.department`,
    ),
    queryRows<{ department: string; competency_id: string; people: number; mean: number }>(
      db,
      sql`select p.department, ps.competency_id, count(*)::int as people, avg(ps.shrunk_mean)::float8 as mean
          from published_scores ps join people p on p.id = ps.subject_id
          where ps.cycle_id = ${cycle.id} and ps."group" = 'others' and not ps.suppressed
          group by p.department, ps.competency_id`,
    ),
    previous
      ? queryRows<{
          id: string;
          name: string;
          title: string;
          department: string;
          before: number;
          now: number;
          ci_low: number;
          ci_high: number;
        }>(
          db,
          sql`select p.id, p.name, p.title, p.department, prev.mean as before, cur.mean as now, cur.ci_low, cur.ci_high
              from published_composites cur
              join published_composites prev on prev.subject_id = cur.subject_id and prev.cycle_id = ${previous.id}
                and prev."group" = 'others' and not prev.suppressed
              join people p on p.id = cur.subject_id
              where cur.cycle_id = ${cycle.id} and cur."group" = 'others' and not cur.suppressed
                and cur.ci_low is not null and (prev.mean < cur.ci_low or prev.mean > cur.ci_high)
              order by abs(cur.mean - prev.mean) desc, p.name`,
        )
      : Promise.resolve([]),
    requestCountsByDepartment(db, cycle.id),
  ]);

  const countOf = (filters: { department?: string }) =>
    pooled
      .filter((d) => filters.department === undefined || d.department === filters.department)
      .reduce((sum, d) => sum + Number(d.people), 0);
  const decisions = pooled.map(({ department }) => decideSlice({ department }, countOf, k));
  // The organisation's mean is shown beside the departments: hide enough of
  // them that the hidden ones together hold k people, or the mean minus the
  // shown departments would give a hidden one away.
  const departmentShown = suppressWithComplements(
    decisions.map((d) => d.people),
    k,
    decisions.map((d) => d.shown),
  );
  const cellOf = (department: string, axisId: string) =>
    cells.find((c) => c.department === department && c.competency_id === axisId);
  // The same within each axis's column: its organisation mean includes every department's cell.
  const columnShown = new Map(
    axes.map((axis) => {
      const people = pooled.map(({ department }) => Number(cellOf(department, axis.id)?.people ?? 0));
      return [axis.id, suppressWithComplements(people, k, departmentShown)];
    }),
  );
  const departments: DepartmentRow[] = pooled.map(({ department }, i) => {
    const decision = decisions[i]!;
    const shown = departmentShown[i]!;
    const reason = decision.shown
      ? shown
        ? null
        : "Hidden too, so that the organisation's figures minus the shown departments cannot reveal the smaller hidden ones."
      : decision.reason;
    const row: DepartmentRow = { department, people: decision.people, shown, reason, cells: {} };
    if (shown) {
      for (const axis of axes) {
        const cell = cellOf(department, axis.id);
        const people = Number(cell?.people ?? 0);
        row.cells[axis.id] =
          cell && columnShown.get(axis.id)![i]
            ? { shown: true, mean: Number(cell.mean), people }
            : { shown: false, people };
      }
    }
    return row;
  });

  // The whole organisation: a view like any other, shown only from k people.
  const organisation: Record<string, number> = {};
  for (const axis of axes) {
    const ofAxis = cells.filter((c) => c.competency_id === axis.id);
    const people = ofAxis.reduce((sum, c) => sum + Number(c.people), 0);
    if (people >= k)
      organisation[axis.id] = ofAxis.reduce((sum, c) => sum + Number(c.mean) * Number(c.people), 0) / people;
  }

  const toMover = (m: (typeof movers)[number]): Mover => ({
    id: m.id,
    name: m.name,
    title: m.title,
    department: m.department,
    before: Number(m.before),
    now: Number(m.now),
    ciLow: Number(m.ci_low),
    ciHigh: Number(m.ci_high),
  });
  return {
    cycles,
    cycle,
    axes: axes.map((a) => ({ id: a.id, key: a.key, name: a.name, kind: a.kind })),
    organisation,
    departments,
    movers: {
      previous,
      rose: movers.filter((m) => Number(m.now) > Number(m.before)).map(toMover),
      fell: movers.filter((m) => Number(m.now) < Number(m.before)).map(toMover),
    },
    // Small departments pooled; a pool of fewer than k (every department small) is not shown here.
    responseRates: poolSmallDepartments(rates, k)
      .filter((r) => r.participants >= k)
      .map(({ department, participants, total, submitted, declined }) => ({
        department,
        participants,
        total,
        submitted,
        declined,
      })),
  };
}
