import "server-only";
import { type SQL, sql } from "drizzle-orm";
import {
  type Answers,
  commentsToStore,
  findAnswerProblems,
  type FormShape,
  storedRatingValue,
} from "../../../lib/answers";
import { Refusal } from "../../domain/refusal";
import type { Db } from "../engines";
import { queryRows } from "../rows";
import type { AxisKind, QuestionKind, Relationship, RequestStatus } from "../../../lib/vocabulary";

export interface FormStatement {
  id: string;
  text: string;
}
export interface FormSection {
  key: string;
  kind: AxisKind;
  name: string;
  description: string;
  statements: FormStatement[];
}
export interface FormQuestion {
  id: string;
  kind: QuestionKind;
  prompt: string;
  hint: string;
}

export interface RequestForm {
  assignmentId: string;
  relationship: Relationship;
  status: RequestStatus;
  subject: { name: string; title: string };
  cycle: { id: string; name: string; status: string; closesOn: string; closedOn: string | null; minGroupSize: number };
  sections: FormSection[];
  questions: FormQuestion[];
  /** The saved draft; never the submitted answers, which nobody can read back. */
  draft: Answers | null;
  draftSavedAt: Date | null;
  /** The version the next save must name (see saveDraft). */
  draftVersion: number;
}

/** A draft as stored: what a save answers with, and what a refused save carries. */
export interface SavedDraft {
  answers: Answers;
  savedAt: Date;
  version: number;
}

/** A save from a page whose answers are older than the stored draft (another
 *  tab or device saved since): refused, with the newer draft, so the page can
 *  offer to load it instead of overwriting it. */
export class NewerDraftRefusal extends Refusal {
  constructor(readonly newer: SavedDraft) {
    super(
      "conflict",
      "Newer answers to this request were saved from another tab or device. Load them, or keep the answers on this page.",
    );
    this.name = "NewerDraftRefusal";
  }
}

const notFound = () => new Refusal("not_found", "This feedback request does not exist, or it is not addressed to you.");

function closedMessage(cycle: { name: string; closesOn: string; closedOn: string | null }, draftKept: boolean) {
  const when = cycle.closedOn ?? cycle.closesOn;
  return `${cycle.name} closed on ${when} and no longer takes answers.${draftKept ? " Your answers are kept in your draft." : ""}`;
}

interface RequestContext {
  assignment_id: string;
  cycle_id: string;
  subject_id: string;
  relationship: Relationship;
  status: RequestStatus;
  draft: Answers | null;
  draft_saved_at: Date | string | null;
  draft_version: number;
  subject_name: string;
  subject_title: string;
  cycle_name: string;
  cycle_status: string;
  closes_on: string;
  closed_on: string | null;
  min_group_size: number;
  model_id: string;
}

/** The request, only if it is addressed to `raterId` and its subject is still active. */
async function findRequest(db: Db, assignmentId: string, raterId: string): Promise<RequestContext | undefined> {
  const [row] = await queryRows<RequestContext & Record<string, unknown>>(
    db,
    sql`select a.id as assignment_id, a.cycle_id, a.subject_id, a.relationship, a.status, a.draft, a.draft_saved_at, a.draft_version,
               s.name as subject_name, s.title as subject_title,
               c.name as cycle_name, c.status as cycle_status, c.closes_on::text as closes_on,
               (c.closed_at at time zone 'UTC')::date::text as closed_on, c.min_group_size, c.model_id
        from assignments a
        join people s on s.id = a.subject_id and s.active
        join cycles c on c.id = a.cycle_id
        where a.id = ${assignmentId} and a.rater_id = ${raterId}`,
  );
  return row;
}

/** Open questions ask about "this person"; the self-review asks the reflection questions instead. */
function questionKindFor(relationship: Relationship): QuestionKind {
  return relationship === "self" ? "reflection" : "open";
}

async function loadModel(db: Db, modelId: string, relationship: Relationship) {
  const isSelf = relationship === "self";
  const statementRows = await queryRows<{
    axis_key: string;
    axis_kind: AxisKind;
    axis_name: string;
    axis_description: string;
    statement_id: string;
    text: string;
    self_text: string;
  }>(
    db,
    sql`select c.key as axis_key, c.kind as axis_kind, c.name as axis_name, c.description as axis_description,
               s.id as statement_id, s.text, s.self_text
        from competencies c join statements s on s.competency_id = c.id
        where c.model_id = ${modelId}
        order by c.position, s.position`,
  );
  const sections: FormSection[] = [];
  for (const row of statementRows) {
    let section = sections.at(-1);
    if (!section || section.key !== row.axis_key) {
      section = {
        key: row.axis_key,
        kind: row.axis_kind,
        name: row.axis_name,
        description: row.axis_description,
        statements: [],
      };
      sections.push(section);
    }
    section.statements.push({ id: row.statement_id, text: isSelf ? row.self_text : row.text });
  }
  const questions = await queryRows<{ id: string; kind: QuestionKind; prompt: string; hint: string }>(
    db,
    sql`select id, kind, prompt, hint from questions
        where model_id = ${modelId} and kind = ${questionKindFor(relationship)}
        order by position`,
  );
  return { sections, questions };
}

function toDate(value: Date | string | null): Date | null {
  return value === null ? null : new Date(value);
}

export async function loadRequestForm(db: Db, assignmentId: string, raterId: string): Promise<RequestForm> {
  const request = await findRequest(db, assignmentId, raterId);
  if (!request) throw notFound();
  const { sections, questions } = await loadModel(db, request.model_id, request.relationship);
  return {
    assignmentId: request.assignment_id,
    relationship: request.relationship,
    status: request.status,
    subject: { name: request.subject_name, title: request.subject_title },
    cycle: {
      id: request.cycle_id,
      name: request.cycle_name,
      status: request.cycle_status,
      closesOn: request.closes_on,
      closedOn: request.closed_on,
      minGroupSize: Number(request.min_group_size),
    },
    sections,
    questions,
    draft: request.status === "submitted" ? null : request.draft,
    draftSavedAt: request.status === "submitted" ? null : toDate(request.draft_saved_at),
    draftVersion: Number(request.draft_version),
  };
}

/** The ids a request's form asks about, in one query: every autosave and
 *  submit checks against them, and needs none of the wording. */
async function loadFormShape(db: Db, modelId: string, relationship: Relationship): Promise<FormShape> {
  const rows = await queryRows<{ kind: "statement" | "question"; id: string }>(
    db,
    sql`select 'statement' as kind, s.id, c.position, s.position as item
          from statements s join competencies c on c.id = s.competency_id where c.model_id = ${modelId}
        union all
        select 'question', q.id, 1000, q.position from questions q
          where q.model_id = ${modelId} and q.kind = ${questionKindFor(relationship)}
        order by 3, 4`,
  );
  return {
    statementIds: rows.filter((r) => r.kind === "statement").map((r) => r.id),
    questionIds: rows.filter((r) => r.kind === "question").map((r) => r.id),
  };
}

async function checkAnswersFit(db: Db, request: RequestContext, answers: Answers, requireComplete: boolean) {
  const problems = findAnswerProblems(answers, await loadFormShape(db, request.model_id, request.relationship));
  if (problems.unknownStatementIds.length || problems.unknownQuestionIds.length) {
    throw new Refusal(
      "invalid",
      "Some answers refer to statements or questions this form does not ask. Reload the page and try again.",
    );
  }
  if (requireComplete && problems.unansweredStatementIds.length) {
    const n = problems.unansweredStatementIds.length;
    throw new Refusal(
      "invalid",
      `${n} statement${n === 1 ? " is" : "s are"} not answered yet. Choose a rating or "Not observed" for each.`,
    );
  }
}

function refuseUnlessOpen(request: RequestContext): void {
  if (request.status === "declined")
    throw new Refusal("conflict", "You declined this request, so it takes no answers.");
  if (request.cycle_status !== "collecting") {
    throw new Refusal(
      "precondition_failed",
      closedMessage(
        { name: request.cycle_name, closesOn: request.closes_on, closedOn: request.closed_on },
        !!request.draft,
      ),
    );
  }
}

function refuseUnlessBasedOnStored(request: RequestContext, basedOnVersion: number): void {
  if (Number(request.draft_version) === basedOnVersion) return;
  throw new NewerDraftRefusal({
    answers: request.draft ?? { ratings: {}, comments: {} },
    savedAt: toDate(request.draft_saved_at) ?? new Date(),
    version: Number(request.draft_version),
  });
}

/**
 * Saves the rater's answers so far. Nothing about a draft is ever shown to
 * anyone but its rater. `basedOnVersion` is the draft version the page's
 * answers started from: the write happens only if it is still the stored one,
 * checked in the update itself, so of two saves from the same version exactly
 * one is written and the other is refused with the draft that won.
 */
export async function saveDraft(
  db: Db,
  assignmentId: string,
  raterId: string,
  answers: Answers,
  basedOnVersion: number,
): Promise<{ savedAt: Date; version: number }> {
  const request = await findRequest(db, assignmentId, raterId);
  if (!request) throw notFound();
  if (request.status === "submitted")
    throw new Refusal("conflict", "This request is already submitted; its answers can no longer change.");
  refuseUnlessOpen(request);
  refuseUnlessBasedOnStored(request, basedOnVersion);
  await checkAnswersFit(db, request, answers, false);
  const [saved] = await queryRows<{ draft_saved_at: Date | string; draft_version: number }>(
    db,
    sql`update assignments a
        set draft = ${JSON.stringify(answers)}::jsonb, draft_saved_at = now(), draft_version = a.draft_version + 1, status = 'in_progress'
        from cycles c
        where a.id = ${assignmentId} and a.rater_id = ${raterId} and a.status in ('pending', 'in_progress')
          and a.draft_version = ${basedOnVersion}
          and c.id = a.cycle_id and c.status = 'collecting'
        returning a.draft_saved_at, a.draft_version`,
  );
  if (!saved) return saveDraftAfterRace(db, assignmentId, raterId, basedOnVersion);
  return { savedAt: toDate(saved.draft_saved_at)!, version: Number(saved.draft_version) };
}

/** The state changed between reading and writing (a submit, a close or
 *  another save won): say which. */
async function saveDraftAfterRace(
  db: Db,
  assignmentId: string,
  raterId: string,
  basedOnVersion: number,
): Promise<never> {
  const request = await findRequest(db, assignmentId, raterId);
  if (!request) throw notFound();
  if (request.status === "submitted")
    throw new Refusal("conflict", "This request is already submitted; its answers can no longer change.");
  refuseUnlessOpen(request);
  refuseUnlessBasedOnStored(request, basedOnVersion);
  throw new Refusal("invalid", "The request changed while saving. Reload the page.");
}

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
export function submitStatement(assignmentId: string, raterId: string, answers: Answers): SQL {
  const ratings = Object.entries(answers.ratings).map(([statementId, answer]) => ({
    statement_id: statementId,
    value: storedRatingValue(answer),
  }));
  const comments = commentsToStore(answers).map((c) => ({ question_id: c.questionId, body: c.body }));
  return sql`with claimed as (
      update assignments a set status = 'submitted', draft = null, draft_saved_at = null
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
  assignmentId: string,
  raterId: string,
  answers: Answers,
): Promise<SubmitOutcome> {
  const request = await findRequest(db, assignmentId, raterId);
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
  await checkAnswersFit(db, request, answers, true);

  const [outcome] = await queryRows<{ written: boolean }>(db, submitStatement(assignmentId, raterId, answers));
  const written = outcome?.written === true;
  if (written) return { written: true };

  // Someone else's transaction changed the assignment first: a double submit succeeds quietly.
  const after = await findRequest(db, assignmentId, raterId);
  if (after?.status === "submitted") return { written: false };
  if (!after) throw notFound();
  refuseUnlessOpen(after);
  throw new Refusal("invalid", "The request changed while submitting. Reload the page.");
}

const declinable: Relationship[] = ["peer", "direct_report"];

/** A rater may decline to rate a peer or their manager; their reason is never shown to the subject. */
export async function declineRequest(
  db: Db,
  assignmentId: string,
  raterId: string,
  reason: string | null,
): Promise<void> {
  const request = await findRequest(db, assignmentId, raterId);
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
    sql`update assignments a set status = 'declined', decline_reason = ${reason}, draft = null, draft_saved_at = null
        from cycles c
        where a.id = ${assignmentId} and a.rater_id = ${raterId} and a.status in ('pending', 'in_progress')
          and c.id = a.cycle_id and c.status = 'collecting'`,
  );
}
