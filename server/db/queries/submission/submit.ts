/** Submitting answers (one statement: the response, unlinkable, and the assignment marked) and declining. */
import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { type Answers, commentsToStore, storedRatingValue } from "../../../../lib/answers";
import { Refusal } from "../../../domain/refusal";
import type { Db } from "../../engines";
import { queryRows } from "../../rows";
import type { Relationship } from "../../../../lib/vocabulary";
import {
  notFound,
  closedMessage,
  findRequest,
  checkAnswersFit,
  refuseUnlessOpen,
  type RequestOfRater,
} from "./request";

export interface SubmitOutcome {
  /** False when an earlier submit of the same request already wrote the response. */
  written: boolean;
}

/**
 * The write of a submit as one statement, so one round trip and atomic by
 * itself: claim the assignment (only if it is still open), write the response
 * from what the claim returned, and its ratings and comments under that
 * response's id. Without a claim nothing is written; `written` says which.
 */
export function submitStatement({ assignmentId, raterId, answers }: RequestOfRater & { answers: Answers }): SQL {
  const ratings = Object.entries(answers.ratings).map(([statementId, answer]) => ({
    statement_id: statementId,
    value: storedRatingValue(answer),
  }));
  const comments = commentsToStore(answers).map((c) => ({ question_id: c.questionId, body: c.body }));
  return sql`with claimed as (
      update assignments a set status = 'submitted', draft = null, draft_saved_at = null, draft_page = null, draft_page_save = null
      from cycles c
      where a.id = ${assignmentId} and a.rater_id = ${raterId} and a.status in ('pending', 'in_progress')
        and c.id = a.cycle_id and c.status = 'collecting'
      returning a.cycle_id, a.subject_id, a.relationship
    ), response as (
      insert into responses (cycle_id, subject_id, relationship)
      select cycle_id, subject_id, relationship from claimed
      returning id
    ), ratings as (
      insert into response_ratings (response_id, statement_id, value)
      select response.id, r.statement_id, r.value
      from response, jsonb_to_recordset(${JSON.stringify(ratings)}::jsonb) as r(statement_id uuid, value smallint)
    ), comments as (
      insert into response_comments (response_id, question_id, body)
      select response.id, c.question_id, c.body
      from response, jsonb_to_recordset(${JSON.stringify(comments)}::jsonb) as c(question_id uuid, body text)
    )
    select exists (select 1 from response) as written`;
}

/**
 * Submits exactly once, unlinkably. One statement marks the assignment
 * submitted — only if it was not already — deletes its draft, and writes a
 * response that names the cycle, the subject and the relationship and
 * nothing else: no rater, no assignment, no time. A second or concurrent
 * submit finds the assignment already submitted and writes nothing.
 */
export async function submitAnswers(
  db: Db,
  { assignmentId, raterId, answers }: RequestOfRater & { answers: Answers },
): Promise<SubmitOutcome> {
  const request = await findRequest(db, { assignmentId, raterId });
  if (!request) throw notFound();
  if (request.status === "submitted") return { written: false };
  if (request.status !== "declined" && request.cycle_status !== "collecting") {
    // Too late: keep what they wrote, so nothing is lost (as a new version, so other tabs see it is newer).
    await db.execute(
      sql`update assignments set draft = ${JSON.stringify(answers)}::jsonb, draft_saved_at = now(), draft_version = draft_version + 1, status = 'in_progress'
          where id = ${assignmentId} and rater_id = ${raterId} and status in ('pending', 'in_progress')`,
    );
    throw new Refusal(
      "precondition_failed",
      closedMessage({ name: request.cycle_name, closesOn: request.closes_on, closedOn: request.closed_on }, true),
    );
  }
  refuseUnlessOpen(request);
  await checkAnswersFit(db, { request, answers, requireComplete: true });

  const [outcome] = await queryRows<{ written: boolean }>(db, submitStatement({ assignmentId, raterId, answers }));
  const written = outcome?.written === true;
  if (written) return { written: true };

  // Someone else's transaction changed the assignment first: a double submit succeeds quietly.
  const after = await findRequest(db, { assignmentId, raterId });
  if (after?.status === "submitted") return { written: false };
  if (!after) throw notFound();
  refuseUnlessOpen(after);
  throw new Refusal("invalid", "The request changed while submitting. Reload the page.");
}

const declinable: Relationship[] = ["peer", "direct_report"];

/** A rater may decline to rate a peer or their manager; their reason is never shown to the subject. */
export async function declineRequest(
  db: Db,
  { assignmentId, raterId, reason }: RequestOfRater & { reason: string | null },
): Promise<void> {
  const request = await findRequest(db, { assignmentId, raterId });
  if (!request) throw notFound();
  if (request.status === "declined") return;
  if (request.status === "submitted") throw new Refusal("conflict", "This request is already submitted.");
  if (!declinable.includes(request.relationship)) {
    throw new Refusal(
      "forbidden",
      request.relationship === "self"
        ? "Your self-review can't be declined."
        : "As their manager you are always asked; talk to HR if you cannot give this review.",
    );
  }
  refuseUnlessOpen(request);
  await db.execute(
    sql`update assignments a set status = 'declined', decline_reason = ${reason}, draft = null, draft_saved_at = null, draft_page = null, draft_page_save = null
        from cycles c
        where a.id = ${assignmentId} and a.rater_id = ${raterId} and a.status in ('pending', 'in_progress')
          and c.id = a.cycle_id and c.status = 'collecting'`,
  );
}
