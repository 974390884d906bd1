import { describe, expect, it } from "vitest";
import { checkSubmissionInvariants, type CycleCounts } from "./invariants";

const before: CycleCounts = { submitted: 1000, responses: 1000, mismatchedGroups: 0 };
const failing = (checks: ReturnType<typeof checkSubmissionInvariants>) => checks.filter((c) => !c.ok).map((c) => c.name);

describe("checkSubmissionInvariants", () => {
  it("holds when every acknowledged submission is there once", () => {
    const checks = checkSubmissionInvariants(
      before,
      { submitted: 1300, responses: 1300, mismatchedGroups: 0 },
      { acknowledged: 300, attempted: 300, gaveUp: 0 },
      { acknowledgedNotSubmitted: 0, sentAndSubmitted: 300 },
    );
    expect(failing(checks)).toEqual([]);
  });

  it("accepts a commit whose answer was lost, when its rater gave up", () => {
    const checks = checkSubmissionInvariants(
      before,
      { submitted: 1301, responses: 1301, mismatchedGroups: 0 },
      { acknowledged: 300, attempted: 302, gaveUp: 2 },
      { acknowledgedNotSubmitted: 0, sentAndSubmitted: 301 },
    );
    expect(failing(checks)).toEqual([]);
  });

  it("catches an acknowledged submission that is not stored", () => {
    const checks = checkSubmissionInvariants(
      before,
      { submitted: 1299, responses: 1299, mismatchedGroups: 0 },
      { acknowledged: 300, attempted: 300, gaveUp: 0 },
      { acknowledgedNotSubmitted: 1, sentAndSubmitted: 299 },
    );
    expect(failing(checks)).toEqual(["every acknowledged submission is stored"]);
  });

  it("catches a duplicated response", () => {
    const checks = checkSubmissionInvariants(
      before,
      { submitted: 1300, responses: 1301, mismatchedGroups: 1 },
      { acknowledged: 300, attempted: 300, gaveUp: 0 },
      { acknowledgedNotSubmitted: 0, sentAndSubmitted: 300 },
    );
    expect(failing(checks)).toEqual(["one response per new submission", "no assignment submitted without its response (whole cycle)"]);
  });

  it("catches an assignment marked submitted without its response", () => {
    const checks = checkSubmissionInvariants(
      before,
      { submitted: 1300, responses: 1299, mismatchedGroups: 1 },
      { acknowledged: 300, attempted: 300, gaveUp: 0 },
      { acknowledgedNotSubmitted: 0, sentAndSubmitted: 300 },
    );
    expect(failing(checks)).toEqual(["one response per new submission", "no assignment submitted without its response (whole cycle)"]);
  });

  it("catches groups that disagree even when the totals agree", () => {
    const checks = checkSubmissionInvariants(
      before,
      { submitted: 1300, responses: 1300, mismatchedGroups: 2 },
      { acknowledged: 300, attempted: 300, gaveUp: 0 },
      { acknowledgedNotSubmitted: 0, sentAndSubmitted: 300 },
    );
    expect(failing(checks)).toEqual(["no assignment submitted without its response (whole cycle)"]);
  });

  it("catches submissions nobody sent, and commits the raters were told had failed", () => {
    const invented = checkSubmissionInvariants(
      before,
      { submitted: 1301, responses: 1301, mismatchedGroups: 0 },
      { acknowledged: 300, attempted: 300, gaveUp: 0 },
      { acknowledgedNotSubmitted: 0, sentAndSubmitted: 300 },
    );
    expect(failing(invented)).toEqual(["only what raters sent became submitted"]);
    const unacknowledged = checkSubmissionInvariants(
      before,
      { submitted: 1301, responses: 1301, mismatchedGroups: 0 },
      { acknowledged: 300, attempted: 301, gaveUp: 0 },
      { acknowledgedNotSubmitted: 0, sentAndSubmitted: 301 },
    );
    expect(failing(unacknowledged)).toEqual(["committed without acknowledgement only where the rater gave up"]);
  });
});
