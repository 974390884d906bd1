import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../engines";
import { queryRows } from "../rows";
import type { Relationship } from "../../../lib/vocabulary";

export type RequestState = "not_started" | "draft" | "submitted" | "declined";

export interface FeedbackRequest {
  assignmentId: string;
  subjectName: string;
  subjectTitle: string;
  relationship: Relationship;
  state: RequestState;
}

export interface InboxCycle {
  cycleId: string;
  cycleName: string;
  closesOn: string;
  requests: FeedbackRequest[];
  progress: { done: number; total: number };
}

const stateOf: Record<string, RequestState> = {
  pending: "not_started",
  in_progress: "draft",
  submitted: "submitted",
  declined: "declined",
};

/** What the rater owes in cycles that are collecting, soonest due first; their
 *  own self-review leads each cycle. Requests about people who have left
 *  (deactivated) are no longer asked of anyone. */
export async function listFeedbackRequests(db: Db, raterId: string): Promise<InboxCycle[]> {
  const rows = await queryRows<{
    assignment_id: string;
    relationship: Relationship;
    status: string;
    cycle_id: string;
    cycle_name: string;
    closes_on: string | Date;
    subject_name: string;
    subject_title: string;
  }>(
    db,
    sql`select a.id as assignment_id, a.relationship, a.status,
               c.id as cycle_id, c.name as cycle_name, c.closes_on::text as closes_on,
               p.name as subject_name, p.title as subject_title
        from assignments a
        join cycles c on c.id = a.cycle_id
        join people p on p.id = a.subject_id
        where a.rater_id = ${raterId} and c.status = 'collecting' and p.active
        order by c.closes_on, c.name, c.id,
                 (a.relationship = 'self') desc,
                 (a.status in ('submitted', 'declined')),
                 p.name`,
  );
  const cycles = new Map<string, InboxCycle>();
  for (const row of rows) {
    let cycle = cycles.get(row.cycle_id);
    if (!cycle) {
      cycle = {
        cycleId: row.cycle_id,
        cycleName: row.cycle_name,
        closesOn: String(row.closes_on),
        requests: [],
        progress: { done: 0, total: 0 },
      };
      cycles.set(row.cycle_id, cycle);
    }
    const state = stateOf[row.status] ?? "not_started";
    cycle.requests.push({
      assignmentId: row.assignment_id,
      subjectName: row.subject_name,
      subjectTitle: row.subject_title,
      relationship: row.relationship,
      state,
    });
    cycle.progress.total += 1;
    if (state === "submitted" || state === "declined") cycle.progress.done += 1;
  }
  return [...cycles.values()];
}
