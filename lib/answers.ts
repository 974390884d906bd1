import { z } from "zod";

/**
 * A rater's answers as the form holds them and as a draft stores them:
 * statement id → 1..5 or an explicit "not observed"; question id → text.
 * A statement left out has not been answered yet.
 */
export const ratingAnswer = z.union([
  z.literal(1),
  z.literal(2),
  z.literal(3),
  z.literal(4),
  z.literal(5),
  z.literal("not_observed"),
]);
export type RatingAnswer = z.infer<typeof ratingAnswer>;

export const MAX_COMMENT_LENGTH = 4000;

export const answersSchema = z.strictObject({
  ratings: z.record(z.uuid(), ratingAnswer),
  comments: z.record(z.uuid(), z.string().max(MAX_COMMENT_LENGTH)),
});
export type Answers = z.infer<typeof answersSchema>;

/** The stored form of a rating: a number, or NULL for "not observed". */
export function storedRatingValue(answer: RatingAnswer): number | null {
  return answer === "not_observed" ? null : answer;
}

/** What a form asks: the statement ids to rate and the question ids it may answer. */
export interface FormShape {
  statementIds: readonly string[];
  questionIds: readonly string[];
}

export interface AnswerProblems {
  /** Ids the form does not ask about: a stale page or a crafted request. */
  unknownStatementIds: string[];
  unknownQuestionIds: string[];
  /** Statements still without an answer (a draft may have these; a submit may not). */
  unansweredStatementIds: string[];
}

export function findAnswerProblems(answers: Answers, form: FormShape): AnswerProblems {
  const statements = new Set(form.statementIds);
  const questions = new Set(form.questionIds);
  return {
    unknownStatementIds: Object.keys(answers.ratings).filter((id) => !statements.has(id)),
    unknownQuestionIds: Object.keys(answers.comments).filter((id) => !questions.has(id)),
    unansweredStatementIds: form.statementIds.filter((id) => answers.ratings[id] === undefined),
  };
}

/** Comments as they are stored: trimmed, and empty ones dropped. */
export function commentsToStore(answers: Answers): { questionId: string; body: string }[] {
  return Object.entries(answers.comments)
    .map(([questionId, text]) => ({ questionId, body: text.trim() }))
    .filter((comment) => comment.body.length > 0);
}

/** Whether two sets of answers say the same, whatever order their keys came
 *  in (a stored draft comes back in the database's order, not the form's). */
export function sameAnswers(a: Answers, b: Answers): boolean {
  const sameRecord = <V>(x: Record<string, V>, y: Record<string, V>) => {
    const keys = Object.keys(x);
    return keys.length === Object.keys(y).length && keys.every((key) => Object.hasOwn(y, key) && x[key] === y[key]);
  };
  return sameRecord(a.ratings, b.ratings) && sameRecord(a.comments, b.comments);
}
