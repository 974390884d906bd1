/** The form a rater opens: the request, the competency model's statements and questions, and their draft. */
import "server-only";
import { sql } from "drizzle-orm";
import { type Answers } from "../../../../lib/answers";
import type { Db } from "../../engines";
import { queryRows } from "../../rows";
import type { AxisKind, QuestionKind, Relationship, RequestStatus } from "../../../../lib/vocabulary";
import { notFound, findRequest, questionKindFor, type RequestOfRater, toDate } from "./request";

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

async function loadModel(db: Db, { modelId, relationship }: { modelId: string; relationship: Relationship }) {
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

export async function loadRequestForm(db: Db, { assignmentId, raterId }: RequestOfRater): Promise<RequestForm> {
  const request = await findRequest(db, { assignmentId, raterId });
  if (!request) throw notFound();
  const { sections, questions } = await loadModel(db, {
    modelId: request.model_id,
    relationship: request.relationship,
  });
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
