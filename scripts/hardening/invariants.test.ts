import { describe, expect, it } from "vitest";
import {
  adjacentPairsKept,
  checkStorage,
  checkSubmissionInvariants,
  type CycleCounts,
  MOST_ORDER_KEPT_BY_CHANCE,
} from "./invariants";

const before: CycleCounts = { submitted: 1000, responses: 1000, mismatchedGroups: 0 };
const failing = (checks: ReturnType<typeof checkSubmissionInvariants>) =>
  checks.filter((c) => !c.ok).map((c) => c.name);

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
    expect(failing(checks)).toEqual([
      "one response per new submission",
      "no assignment submitted without its response (whole cycle)",
    ]);
  });

  it("catches an assignment marked submitted without its response", () => {
    const checks = checkSubmissionInvariants(
      before,
      { submitted: 1300, responses: 1299, mismatchedGroups: 1 },
      { acknowledged: 300, attempted: 300, gaveUp: 0 },
      { acknowledgedNotSubmitted: 0, sentAndSubmitted: 300 },
    );
    expect(failing(checks)).toEqual([
      "one response per new submission",
      "no assignment submitted without its response (whole cycle)",
    ]);
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

describe("checkStorage", () => {
  const keys = Array.from({ length: 400 }, (_, i) => `s${i % 50}:peer`);
  const shuffled = (items: readonly string[]) => {
    // A fixed permutation far from the original: every 7th item, wrapping.
    return items.map((_, i) => items[(i * 7 + 3) % items.length]!);
  };
  const snapshot = (diskOrder: string[], sharingATransaction: number, timeColumns: string[] = []) => ({
    diskOrder,
    sharingATransaction,
    timeColumns,
  });

  it("keeps all neighbours of an untouched order and few of a scrambled one", () => {
    expect(adjacentPairsKept(keys, keys)).toBe(1);
    expect(adjacentPairsKept(keys, shuffled(keys))).toBeLessThan(MOST_ORDER_KEPT_BY_CHANCE);
    expect(adjacentPairsKept(["a"], ["a"])).toBe(0);
  });

  it("holds when close cut every link and scrambled the order", () => {
    const failed = checkStorage(snapshot(keys, 400), snapshot(shuffled(keys), 0), 300).filter((c) => !c.ok);
    expect(failed).toEqual([]);
  });

  it("fails when a response still shares a transaction, the order survived, or a time is stored", () => {
    const failing = (checks: ReturnType<typeof checkStorage>) => checks.filter((c) => !c.ok).map((c) => c.name);
    expect(failing(checkStorage(snapshot(keys, 400), snapshot(shuffled(keys), 1), 300))).toEqual([
      "after close, no response shares a transaction id with any assignment",
    ]);
    expect(failing(checkStorage(snapshot(keys, 400), snapshot([...keys], 0), 300))).toEqual([
      "after close, disk order does not follow submit order",
    ]);
    expect(failing(checkStorage(snapshot(keys, 400), snapshot(shuffled(keys).slice(1), 0), 300))).toEqual([
      "after close, disk order does not follow submit order",
    ]);
    expect(
      failing(checkStorage(snapshot(keys, 400), snapshot(shuffled(keys), 0, ["responses.submitted_at"]), 300)),
    ).toEqual(["no response carries a time of day"]);
  });

  it("fails when the probe could not see the links a submit makes, so that 'none after close' means something", () => {
    const checks = checkStorage(snapshot(keys, 0), snapshot(shuffled(keys), 0), 300);
    expect(checks.filter((c) => !c.ok).map((c) => c.name)).toEqual([
      "while collecting, a submit's response shares a transaction id with its assignment (the probe sees links)",
    ]);
  });
});
