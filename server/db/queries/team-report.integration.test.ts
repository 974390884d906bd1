/**
 * "My team": a manager sees published results for their whole reporting tree
 * and nobody else's. The tree is recomputed here by walking the org chart in
 * TypeScript, and every cell is compared with the stored published figure.
 */
import { TRPCError } from "@trpc/server";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import type { ContextUser } from "@/server/api/trpc";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { findActiveViewer } from "./people";
import { publishCycle } from "./publish";
import { queryRows } from "../rows";
import { cycles, people } from "../schema";
import { seedDemoOrganisation } from "../seed/demo";

let database: TestDatabase;
let db: TestDatabase["db"];
let publishedCycleId: string;
let chart: { id: string; name: string; managerId: string | null; active: boolean }[];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const seeded = await seedDemoOrganisation(db, { people: 60, seed: 11, today: new Date("2026-11-28T12:00:00Z") });
  publishedCycleId = seeded.cycles[0]!.cycleId;
  chart = await db
    .select({ id: people.id, name: people.name, managerId: people.managerId, active: people.active })
    .from(people);
});
afterAll(async () => {
  await database?.destroy();
});

/** Active people below `managerId` at any depth, walking through inactive ones. */
function treeOf(managerId: string): Set<string> {
  const below = new Set<string>();
  const queue = [managerId];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const p of chart) {
      if (p.managerId === current && !below.has(p.id)) {
        below.add(p.id);
        queue.push(p.id);
      }
    }
  }
  return new Set([...below].filter((id) => chart.find((p) => p.id === id)!.active));
}

async function callerFor(personId: string) {
  const viewer = await findActiveViewer(db, personId);
  if (!viewer) throw new Error("no such active person");
  const user: ContextUser = { id: viewer.id, name: viewer.name, email: viewer.email, roles: viewer.roles };
  return createCaller({ db, user, headers: new Headers() });
}

const managers = () => [...new Set(chart.map((p) => p.managerId).filter((id): id is string => id !== null))];

async function storedOthers(cycleId: string) {
  return queryRows<{
    subject_id: string;
    competency_id: string;
    n: number;
    suppressed: boolean;
    shrunk_mean: number | null;
  }>(
    db,
    sql`select subject_id, competency_id, n, suppressed, shrunk_mean from published_scores
        where cycle_id = ${cycleId} and "group" = 'others'`,
  );
}

/** Cells the heatmaps of all managers together must have shown: one per stored
 *  "others" row of every active person who has a manager. */
function heatmapCellsIn(stored: { subject_id: string }[]): number {
  let count = 0;
  for (const managerId of managers()) {
    if (!chart.find((p) => p.id === managerId)!.active) continue;
    const tree = treeOf(managerId);
    count += stored.filter((s) => tree.has(s.subject_id)).length;
  }
  return count;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "allowed";
  } catch (error) {
    return error instanceof TRPCError ? error.code : `unexpected ${String(error)}`;
  }
}

describe("team.heatmap", () => {
  it("shows every manager exactly the active people of their tree, with the stored shrunk means and hidden flags", async () => {
    const stored = await storedOthers(publishedCycleId);
    const byKey = new Map(stored.map((s) => [`${s.subject_id}|${s.competency_id}`, s]));
    let cellsChecked = 0;
    let hiddenChecked = 0;
    for (const managerId of managers()) {
      if (!chart.find((p) => p.id === managerId)!.active) continue;
      const heatmap = await (await callerFor(managerId)).team.heatmap({});
      expect(new Set(heatmap.people.map((p) => p.id))).toEqual(treeOf(managerId));
      expect(heatmap.cycle?.id).toBe(publishedCycleId);
      expect(heatmap.axes.filter((a) => a.kind === "competency")).toHaveLength(5);
      expect(heatmap.axes.at(-1)?.kind).toBe("visibility");
      for (const person of heatmap.people) {
        // Each with their own manager's name and their depth below this manager.
        const own = chart.find((p) => p.id === person.id)!;
        expect(person.managerName).toBe(chart.find((p) => p.id === own.managerId)!.name);
        expect(person.depth === 1).toBe(own.managerId === managerId);
        for (const axis of heatmap.axes) {
          const row = byKey.get(`${person.id}|${axis.id}`);
          const cell = person.cells[axis.id];
          if (!row) {
            expect(cell).toBeUndefined();
            continue;
          }
          if (row.suppressed) {
            expect(cell).toEqual({ suppressed: true, n: Number(row.n), k: 3 });
            hiddenChecked++;
          } else {
            expect(cell).toEqual({ suppressed: false, n: Number(row.n), shrunkMean: Number(row.shrunk_mean) });
            cellsChecked++;
          }
        }
      }
    }
    expect(cellsChecked).toBeGreaterThan(0);
    expect(cellsChecked + hiddenChecked).toBe(heatmapCellsIn(stored));
  });

  it("shows a hidden group as hidden, with its count and k only", async () => {
    const managerId = managers().find((id) => treeOf(id).size > 0 && chart.find((p) => p.id === id)!.active)!;
    const subjectId = [...treeOf(managerId)][0]!;
    const [axis] = await queryRows<{ competency_id: string }>(
      db,
      sql`select competency_id from published_scores where cycle_id = ${publishedCycleId} and subject_id = ${subjectId}
          and "group" = 'others' and not suppressed limit 1`,
    );
    const hide = sql`update published_scores set suppressed = true, n = 2, mean = null, sd = null, ci_low = null, ci_high = null,
                       shrunk_mean = null, distribution = null
                     where cycle_id = ${publishedCycleId} and subject_id = ${subjectId} and competency_id = ${axis!.competency_id} and "group" = 'others'`;
    await db.execute(hide);
    try {
      const caller = await callerFor(managerId);
      const heatmap = await caller.team.heatmap();
      expect(heatmap.people.find((p) => p.id === subjectId)!.cells[axis!.competency_id]).toEqual({
        suppressed: true,
        n: 2,
        k: 3,
      });
      const profile = await caller.team.profile({ cycleId: publishedCycleId, subjectId });
      expect(profile.axes.find((a) => a.id === axis!.competency_id)!.others).toEqual({
        n: 2,
        suppressed: true,
        mean: null,
        ciLow: null,
        ciHigh: null,
        shrunkMean: null,
      });
    } finally {
      // Publishing again recomputes the same figures from the same responses.
      await publishCycle(db, { cycleId: publishedCycleId });
    }
  });

  it("gives the top of the organisation everyone", async () => {
    const [ceo] = chart.filter((p) => p.managerId === null && p.active && chart.some((q) => q.managerId === p.id));
    const heatmap = await (await callerFor(ceo!.id)).team.heatmap();
    const everyoneBelow = chart.filter((p) => p.active && p.id !== ceo!.id && treeOf(ceo!.id).has(p.id));
    expect(heatmap.people).toHaveLength(everyoneBelow.length);
    // Everyone active who has a manager at all sits somewhere under the CEO.
    expect(everyoneBelow.length).toBe(chart.filter((p) => p.active && p.managerId !== null).length);
    expect(heatmap.people.filter((p) => p.depth === 1).length).toBe(
      chart.filter((p) => p.managerId === ceo!.id && p.active).length,
    );
  });

  it("lists the published cycles for the switcher, refuses an unknown one, and is empty when nothing is published", async () => {
    const managerId = managers()[0]!;
    const caller = await callerFor(managerId);
    const heatmap = await caller.team.heatmap();
    expect(heatmap.cycles.map((c) => c.id)).toEqual([publishedCycleId]);
    expect(await codeOf(caller.team.heatmap({ cycleId: "00000000-0000-4000-8000-000000000000" }))).toBe("NOT_FOUND");
    expect(await codeOf(caller.team.heatmap({ extra: 1 } as never))).toBe("BAD_REQUEST");
    await db.update(cycles).set({ status: "closed" }).where(eq(cycles.id, publishedCycleId));
    try {
      const empty = await caller.team.heatmap();
      expect(empty.cycle).toBeNull();
      expect(empty.cycles).toEqual([]);
      expect(empty.people.length).toBeGreaterThan(0);
      expect(await codeOf(caller.team.heatmap({ cycleId: publishedCycleId }))).toBe("NOT_FOUND");
    } finally {
      await db.update(cycles).set({ status: "published" }).where(eq(cycles.id, publishedCycleId));
    }
  });

  it("refuses someone without reports", async () => {
    const employee = chart.find((p) => p.active && !chart.some((q) => q.managerId === p.id))!;
    const caller = await callerFor(employee.id);
    expect(await codeOf(caller.team.heatmap())).toBe("FORBIDDEN");
    expect(await codeOf(caller.team.profile({ cycleId: publishedCycleId, subjectId: employee.id }))).toBe("FORBIDDEN");
  });
});

describe("team.profile", () => {
  /** A manager with a tree smaller than the organisation, and someone outside it who has results. */
  async function managerAndOutsider() {
    const stored = await storedOthers(publishedCycleId);
    const withResults = new Set(stored.map((s) => s.subject_id));
    const managerId = managers().find((id) => {
      const tree = treeOf(id);
      return (
        tree.size > 0 &&
        [...tree].some((t) => withResults.has(t)) &&
        chart.some((p) => p.managerId !== null && !tree.has(p.id) && p.id !== id && withResults.has(p.id))
      );
    })!;
    const tree = treeOf(managerId);
    const outsider = chart.find((p) => !tree.has(p.id) && p.id !== managerId && withResults.has(p.id))!;
    const insider = [...tree].find((id) => withResults.has(id))!;
    return { managerId, tree, outsider, insider };
  }

  it("answers for someone in the tree with the stored figures", async () => {
    const { managerId, insider } = await managerAndOutsider();
    const profile = await (await callerFor(managerId)).team.profile({ cycleId: publishedCycleId, subjectId: insider });
    const stored = await queryRows<{
      competency_id: string;
      group: string;
      n: number;
      suppressed: boolean;
      mean: number | null;
      ci_low: number | null;
      ci_high: number | null;
      shrunk_mean: number | null;
    }>(
      db,
      sql`select competency_id, "group"::text as "group", n, suppressed, mean, ci_low, ci_high, shrunk_mean from published_scores
          where cycle_id = ${publishedCycleId} and subject_id = ${insider}`,
    );
    expect(profile.subject.id).toBe(insider);
    expect(profile.axes).toHaveLength(6);
    for (const axis of profile.axes) {
      const others = stored.find((s) => s.competency_id === axis.id && s.group === "others")!;
      expect(axis.others.n).toBe(Number(others.n));
      expect(axis.others.suppressed).toBe(others.suppressed);
      expect(axis.others.shrunkMean).toBe(others.suppressed ? null : Number(others.shrunk_mean));
      expect(axis.others.ciLow).toBe(others.suppressed ? null : Number(others.ci_low));
      const manager = stored.find((s) => s.competency_id === axis.id && s.group === "manager");
      expect(axis.manager?.mean ?? null).toBe(manager?.mean == null ? null : Number(manager.mean));
    }
  });

  it("is NOT_FOUND for someone outside the tree, and the refusal says nothing about them", async () => {
    const { managerId, outsider } = await managerAndOutsider();
    const caller = await callerFor(managerId);
    let refusal: unknown;
    try {
      await caller.team.profile({ cycleId: publishedCycleId, subjectId: outsider.id });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(TRPCError);
    const error = refusal as TRPCError;
    expect(error.code).toBe("NOT_FOUND");
    const said = JSON.stringify({ message: error.message, cause: error.cause ?? null });
    expect(said).not.toContain(outsider.name);
    expect(said).not.toContain(outsider.id);
    expect(said).not.toMatch(/\d/);
    // The same refusal as for a person who does not exist at all.
    let unknown: unknown;
    try {
      await caller.team.profile({ cycleId: publishedCycleId, subjectId: "00000000-0000-4000-8000-000000000000" });
    } catch (e) {
      unknown = e;
    }
    expect((unknown as TRPCError).message).toBe(error.message);
    // The manager themselves is not in their own tree either.
    expect(await codeOf(caller.team.profile({ cycleId: publishedCycleId, subjectId: managerId }))).toBe("NOT_FOUND");
  });

  it("drops a deactivated report from the heatmap and from the profiles", async () => {
    const { managerId, insider } = await managerAndOutsider();
    const caller = await callerFor(managerId);
    await db.update(people).set({ active: false }).where(eq(people.id, insider));
    try {
      const heatmap = await caller.team.heatmap();
      expect(heatmap.people.map((p) => p.id)).not.toContain(insider);
      expect(await codeOf(caller.team.profile({ cycleId: publishedCycleId, subjectId: insider }))).toBe("NOT_FOUND");
    } finally {
      await db.update(people).set({ active: true }).where(eq(people.id, insider));
    }
  });
});
