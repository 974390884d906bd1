import { describe, expect, it } from "vitest";
import { answersSchema, commentsToStore, findAnswerProblems, sameAnswers, storedRatingValue } from "./answers";

const s1 = "11111111-1111-4111-8111-111111111111";
const s2 = "22222222-2222-4222-8222-222222222222";
const q1 = "33333333-3333-4333-8333-333333333333";
const stranger = "44444444-4444-4444-8444-444444444444";

describe("answers", () => {
  it("accept ratings 1..5 and not observed, and nothing else", () => {
    expect(answersSchema.safeParse({ ratings: { [s1]: 5, [s2]: "not_observed" }, comments: {} }).success).toBe(true);
    for (const bad of [0, 6, 2.5, "5", null, "n/a"]) {
      expect(answersSchema.safeParse({ ratings: { [s1]: bad }, comments: {} }).success).toBe(false);
    }
  });

  it("reject unknown keys, non-uuid ids and comments over the length limit", () => {
    expect(answersSchema.safeParse({ ratings: {}, comments: {}, raterId: s1 }).success).toBe(false);
    expect(answersSchema.safeParse({ ratings: { "not-a-uuid": 3 }, comments: {} }).success).toBe(false);
    expect(answersSchema.safeParse({ ratings: {}, comments: { [q1]: "x".repeat(4001) } }).success).toBe(false);
  });

  it("find ids the form does not ask about, and statements not yet answered", () => {
    const problems = findAnswerProblems(
      { ratings: { [s1]: 3, [stranger]: 4 }, comments: { [stranger]: "hi", [q1]: "ok" } },
      { statementIds: [s1, s2], questionIds: [q1] },
    );
    expect(problems).toEqual({
      unknownStatementIds: [stranger],
      unknownQuestionIds: [stranger],
      unansweredStatementIds: [s2],
    });
  });

  it("store comments trimmed and drop empty ones; not observed is stored as NULL", () => {
    expect(commentsToStore({ ratings: {}, comments: { [q1]: "  A concrete example.  ", [s1]: "   " } })).toEqual([
      { questionId: q1, body: "A concrete example." },
    ]);
    expect(storedRatingValue("not_observed")).toBeNull();
    expect(storedRatingValue(4)).toBe(4);
  });

  it("are the same whatever order their keys come in, and differ by any one answer", () => {
    const answers = {
      ratings: { [s1]: 5 as const, [s2]: "not_observed" as const },
      comments: { [q1]: "Stepped back." },
    };
    expect(
      sameAnswers(answers, { ratings: { [s2]: "not_observed", [s1]: 5 }, comments: { [q1]: "Stepped back." } }),
    ).toBe(true);
    expect(sameAnswers(answers, { ...answers, ratings: { [s1]: 5 } })).toBe(false);
    expect(sameAnswers(answers, { ...answers, ratings: { [s1]: 4, [s2]: "not_observed" } })).toBe(false);
    expect(sameAnswers(answers, { ...answers, comments: { [q1]: "Stepped back" } })).toBe(false);
    expect(sameAnswers(answers, { ...answers, comments: {} })).toBe(false);
  });
});
