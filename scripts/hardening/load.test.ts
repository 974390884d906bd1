import { describe, expect, it } from "vitest";
import { answersSchema, findAnswerProblems } from "../../lib/answers";
import { createRng } from "../../server/domain/random";
import type { TrpcOutcome } from "./http-client";
import { answersFor, judge } from "./load";

const ids = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, "0")}-0000-4000-8000-000000000000`);
const statementIds = ids(6, "aaaa");
const questionIds = ids(2, "bbbb");
const form = {
  sections: [
    { statements: statementIds.slice(0, 3).map((id) => ({ id })) },
    { statements: statementIds.slice(3).map((id) => ({ id })) },
  ],
  questions: questionIds.map((id) => ({ id })),
  draft: null,
};

describe("answersFor", () => {
  it("answers every statement, validly, and only what the form asks", () => {
    for (let seed = 0; seed < 20; seed++) {
      const answers = answersSchema.parse(answersFor(form, createRng(seed)));
      expect(findAnswerProblems(answers, { statementIds, questionIds })).toEqual({
        unknownStatementIds: [],
        unknownQuestionIds: [],
        unansweredStatementIds: [],
      });
    }
  });

  it("keeps what the draft already holds", () => {
    const draft = { ratings: { [statementIds[0]!]: 2 as const }, comments: { [questionIds[0]!]: "from the draft" } };
    const answers = answersFor({ ...form, draft }, createRng(3));
    expect(answers.ratings[statementIds[0]!]).toBe(2);
    expect(answers.comments[questionIds[0]!]).toBe("from the draft");
  });
});

const error = (status: number, code: string): TrpcOutcome<unknown> => ({
  kind: "error",
  status,
  code,
  message: "…",
  retryAfterSeconds: null,
  ms: 1,
});

describe("judge: what the form does with an answer", () => {
  it("accepts data", () => {
    expect(judge({ kind: "data", status: 200, data: {}, ms: 1 }).verdict).toBe("ok");
  });

  it("keeps the answers and retries on no answer, a 5xx, a 503, or a 401 mid-session", () => {
    expect(judge({ kind: "network", error: "ECONNREFUSED", ms: 1 })).toMatchObject({
      verdict: "retry",
      label: "network (ECONNREFUSED)",
    });
    expect(judge(error(500, "INTERNAL_SERVER_ERROR")).verdict).toBe("retry");
    expect(judge(error(503, "SERVICE_UNAVAILABLE")).verdict).toBe("retry");
    expect(judge(error(401, "UNAUTHORIZED")).verdict).toBe("retry");
  });

  it("retries an HTML error page, and says it was one", () => {
    expect(
      judge({ kind: "not-json", status: 502, contentType: "text/html", bodyStart: "<html>", ms: 1 }),
    ).toMatchObject({
      verdict: "retry",
      htmlErrorPage: true,
    });
  });

  it("waits on a 429, recognises CONFLICT, and gives up on other refusals", () => {
    expect(judge(error(429, "TOO_MANY_REQUESTS")).verdict).toBe("rate-limited");
    expect(judge(error(409, "CONFLICT")).verdict).toBe("conflict");
    expect(judge(error(400, "BAD_REQUEST")).verdict).toBe("refused");
    expect(judge(error(403, "FORBIDDEN")).verdict).toBe("refused");
  });
});
