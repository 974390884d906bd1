/** Moving a cycle on, one state at a time; starting collection plans and writes every request. */
import "server-only";
import { sql } from "drizzle-orm";
import { groupSizeWarnings, planAssignments } from "../../../domain/assignment-plan";
import type { Db } from "../../engines";
import { Refusal } from "../../../domain/refusal";
import { assignments, auditLog, cycles } from "../../schema";
import { closeCycle } from "../close-cycle";
import type { CycleStatus } from "../../../../lib/vocabulary";
import type { AdvanceResult, AdvanceTarget } from "../../../shapes/cycles";
import { loadPlanInput } from "./plan";
import { findCycle } from "./settings";

/** The one way forward from each state. Publishing is the reports' work. */
export const NEXT_STATUS: Record<CycleStatus, CycleStatus | null> = {
  draft: "nominating",
  nominating: "collecting",
  collecting: "closed",
  closed: "published",
  published: null,
};

/** Refuses any move from `status` but the one way forward, saying what that is. */
export function requireNextStep(status: CycleStatus, to: CycleStatus): void {
  const next = NEXT_STATUS[status];
  if (next === to) return;
  throw new Refusal(
    "invalid",
    next ? `A cycle in ${status} can only move to ${next}.` : `A cycle in ${status} cannot move any further.`,
  );
}

/**
 * Moves a cycle to its next state, and only there. Starting collection
 * generates every request in the same transaction as the status change, so a
 * cycle is never collecting with half its requests; closing is the close
 * code's own transaction (it also shuffles the responses).
 */
export async function advanceCycle(
  db: Db,
  { actorId, cycleId, to }: { actorId: string; cycleId: string; to: AdvanceTarget },
): Promise<AdvanceResult> {
  const cycle = await findCycle(db, { cycleId });
  requireNextStep(cycle.status, to);
  const audit = (tx: Db, details: Record<string, unknown>) =>
    tx
      .insert(auditLog)
      .values({ actorId, action: "cycle.advance", cycleId, details: { from: cycle.status, to, ...details } });

  if (to === "closed") {
    // The audit row is written in the close's own transaction. Someone else
    // closing it between our read and the close makes closeCycle refuse.
    await closeCycle(db, {
      cycleId,
      beforeCommit: async (tx, closed) => {
        await audit(tx, closed);
      },
    });
    return { id: cycleId, status: to, requestsCreated: 0 };
  }

  return db.transaction(async (tx) => {
    // The conditional update takes the row lock: a second click, or a second
    // person, waits here and then finds the cycle already moved.
    const moved = await tx
      .update(cycles)
      .set({ status: to })
      .where(sql`${cycles.id} = ${cycleId} and ${cycles.status} = ${cycle.status}`)
      .returning({ id: cycles.id });
    if (moved.length === 0) {
      throw new Refusal(
        "conflict",
        `“${cycle.name}” has just been moved on by someone else. Reload to see where it stands.`,
      );
    }
    if (to === "nominating") {
      await audit(tx, {});
      return { id: cycleId, status: to, requestsCreated: 0 };
    }

    const { input } = await loadPlanInput(tx, cycle);
    if (input.participants.length === 0) {
      throw new Refusal("invalid", "No one active takes part in this cycle, so there is nobody to ask for feedback.");
    }
    const plan = planAssignments(input);
    const rows = plan.assignments.map((a) => ({
      cycleId,
      subjectId: a.subjectId,
      raterId: a.raterId,
      relationship: a.relationship,
    }));
    for (let start = 0; start < rows.length; start += 2000) {
      await tx.insert(assignments).values(rows.slice(start, start + 2000));
    }
    const warnings = groupSizeWarnings(plan.groups, cycle.minGroupSize);
    await audit(tx, {
      subjects: plan.groups.length,
      requests: rows.length,
      subjectsBelowK: warnings.length,
    });
    return { id: cycleId, status: to, requestsCreated: rows.length };
  });
}
