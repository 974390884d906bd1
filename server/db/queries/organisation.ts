import "server-only";
import { and, count, desc, eq, isNotNull, not, or, sql, gt, lt } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { poolSmallDepartments, suppressWithComplements } from "../../domain/disclosure";
import { decideSlice } from "../../domain/finder";
import type { Db } from "../engines";
import { people, publishedComposites, publishedScores } from "../schema";
import { listCycleAxes } from "./axes";
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

  const cur = alias(publishedComposites, "cur");
  const prev = alias(publishedComposites, "prev");
  const [axes, pooled, cells, movers, rates] = await Promise.all([
    listCycleAxes(db, cycle.id),
    // Who counts towards a department: subjects with a published anonymous composite.
    db
      .select({ department: people.department, people: count() })
      .from(publishedComposites)
      .innerJoin(people, eq(people.id, publishedComposites.subjectId))
      .where(
        and(
          eq(publishedComposites.cycleId, cycle.id),
          eq(publishedComposites.group, "others"),
          not(publishedComposites.suppressed),
        ),
      )
      .groupBy(people.department)
      .orderBy(people.department),
    db
      .select({
        department: people.department,
        competencyId: publishedScores.competencyId,
        people: count(),
        mean: sql<number>`avg(${publishedScores.shrunkMean})::float8`.mapWith(Number),
      })
      .from(publishedScores)
      .innerJoin(people, eq(people.id, publishedScores.subjectId))
      .where(
        and(
          eq(publishedScores.cycleId, cycle.id),
          eq(publishedScores.group, "others"),
          not(publishedScores.suppressed),
        ),
      )
      .groupBy(people.department, publishedScores.competencyId),
    previous
      ? db
          .select({
            id: people.id,
            name: people.name,
            title: people.title,
            department: people.department,
            // Shown figures, so never null: the WHERE clause says so.
            before: sql<number>`${prev.mean}`,
            now: sql<number>`${cur.mean}`,
            ciLow: sql<number>`${cur.ciLow}`,
            ciHigh: sql<number>`${cur.ciHigh}`,
          })
          .from(cur)
          .innerJoin(
            prev,
            and(
              eq(prev.subjectId, cur.subjectId),
              eq(prev.cycleId, previous.id),
              eq(prev.group, "others"),
              not(prev.suppressed),
            ),
          )
          .innerJoin(people, eq(people.id, cur.subjectId))
          .where(
            and(
              eq(cur.cycleId, cycle.id),
              eq(cur.group, "others"),
              not(cur.suppressed),
              isNotNull(cur.ciLow),
              or(lt(prev.mean, cur.ciLow), gt(prev.mean, cur.ciHigh)),
            ),
          )
          .orderBy(desc(sql`abs(${cur.mean} - ${prev.mean})`), people.name)
      : Promise.resolve([]),
    requestCountsByDepartment(db, cycle.id),
  ]);

  const countOf = (filters: { department?: string }) =>
    pooled
      .filter((d) => filters.department === undefined || d.department === filters.department)
      .reduce((sum, d) => sum + d.people, 0);
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
    cells.find((c) => c.department === department && c.competencyId === axisId);
  // The same within each axis's column: its organisation mean includes every department's cell.
  const columnShown = new Map(
    axes.map((axis) => {
      const people = pooled.map(({ department }) => cellOf(department, axis.id)?.people ?? 0);
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
        const people = cell?.people ?? 0;
        row.cells[axis.id] =
          cell && columnShown.get(axis.id)![i] ? { shown: true, mean: cell.mean, people } : { shown: false, people };
      }
    }
    return row;
  });

  // The whole organisation: a view like any other, shown only from k people.
  const organisation: Record<string, number> = {};
  for (const axis of axes) {
    const ofAxis = cells.filter((c) => c.competencyId === axis.id);
    const people = ofAxis.reduce((sum, c) => sum + c.people, 0);
    if (people >= k) organisation[axis.id] = ofAxis.reduce((sum, c) => sum + c.mean * c.people, 0) / people;
  }

  return {
    cycles,
    cycle,
    axes,
    organisation,
    departments,
    movers: {
      previous,
      rose: movers.filter((m) => m.now > m.before),
      fell: movers.filter((m) => m.now < m.before),
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
