/**
 * "No submission lost, none duplicated", decided from counts. Responses carry
 * no link to their rater (by design), so the proof compares counts: of
 * submitted assignments and of responses in the cycle, before and after the
 * run, per (subject, relationship) group, and for the assignments the
 * simulated raters sent. Pure: tested in invariants.test.ts.
 */

export interface CycleCounts {
  /** Assignments of the cycle with status 'submitted'. */
  submitted: number;
  /** Response rows of the cycle. */
  responses: number;
  /** (subject, relationship) groups whose submitted assignments and responses differ in number. */
  mismatchedGroups: number;
}

export interface ClientTally {
  /** Assignments the raters were told (200, or CONFLICT after a retry) are submitted. */
  acknowledged: number;
  /** Assignments the raters sent a submit for, acknowledged or not. */
  attempted: number;
  /** Submits the raters stopped retrying without an answer (deadline reached). */
  gaveUp: number;
}

/** What the database says about the assignments the raters sent. */
export interface SentAssignments {
  /** Acknowledged ones that are not 'submitted': a lost submission. */
  acknowledgedNotSubmitted: number;
  /** Sent ones (acknowledged or not) that are 'submitted' now. */
  sentAndSubmitted: number;
}

export interface InvariantCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export function checkSubmissionInvariants(
  before: CycleCounts,
  after: CycleCounts,
  client: ClientTally,
  sent: SentAssignments,
): InvariantCheck[] {
  const newlySubmitted = after.submitted - before.submitted;
  const newResponses = after.responses - before.responses;
  const committedUnacknowledged = sent.sentAndSubmitted - (client.acknowledged - sent.acknowledgedNotSubmitted);
  return [
    {
      name: "every acknowledged submission is stored",
      ok: sent.acknowledgedNotSubmitted === 0 && newlySubmitted >= client.acknowledged,
      detail: `${client.acknowledged} acknowledged, ${sent.acknowledgedNotSubmitted} of them not submitted; ${newlySubmitted} newly submitted`,
    },
    {
      name: "only what raters sent became submitted",
      ok: newlySubmitted === sent.sentAndSubmitted,
      detail: `${newlySubmitted} newly submitted, ${sent.sentAndSubmitted} of the ${client.attempted} sent are submitted`,
    },
    {
      name: "one response per new submission",
      ok: newResponses === newlySubmitted,
      detail: `${newResponses} new responses for ${newlySubmitted} new submissions`,
    },
    {
      name: "no assignment submitted without its response (whole cycle)",
      ok: after.mismatchedGroups === 0 && after.responses === after.submitted,
      detail: `${after.submitted} submitted, ${after.responses} responses, ${after.mismatchedGroups} mismatched groups`,
    },
    {
      // A commit whose answer was lost is only acceptable when the rater never heard back.
      name: "committed without acknowledgement only where the rater gave up",
      ok: committedUnacknowledged >= 0 && committedUnacknowledged <= client.gaveUp,
      detail: `${committedUnacknowledged} committed but unacknowledged, ${client.gaveUp} gave up`,
    },
  ];
}

/** What the storage of a cycle's responses shows, read before and after close. */
export interface StorageSnapshot {
  /** "subject:relationship" of each response of the cycle, in physical (ctid) order. */
  diskOrder: string[];
  /** Responses of the cycle written by a transaction that also wrote an assignment row. */
  sharingATransaction: number;
  /** Columns of the response tables that can hold a time of day. */
  timeColumns: string[];
}

/**
 * Adjacent pairs of `before` still adjacent in `after`, as a share of the
 * pairs. Responses carry no id that survives close, so order is compared by
 * what they do carry; a random order keeps almost none, an untouched one all.
 */
export function adjacentPairsKept(before: readonly string[], after: readonly string[]): number {
  if (after.length < 2) return 0;
  const pairs = new Map<string, number>();
  for (let i = 0; i + 1 < before.length; i++) {
    const pair = `${before[i]}\u0000${before[i + 1]}`;
    pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
  }
  let kept = 0;
  for (let i = 0; i + 1 < after.length; i++) {
    const pair = `${after[i]}\u0000${after[i + 1]}`;
    const left = pairs.get(pair) ?? 0;
    if (left > 0) {
      kept++;
      pairs.set(pair, left - 1);
    }
  }
  return kept / (after.length - 1);
}

/** Above this share of kept neighbours, disk order still tells the order of submits. */
export const MOST_ORDER_KEPT_BY_CHANCE = 0.1;

/**
 * The storage promise, from snapshots taken while collecting (physical order
 * then is submit order) and after close: the probe saw the links before, and
 * none remain after; the order is gone; no response table holds a time.
 */
export function checkStorage(
  whileCollecting: StorageSnapshot,
  afterClose: StorageSnapshot,
  acknowledged: number,
): InvariantCheck[] {
  const kept = adjacentPairsKept(whileCollecting.diskOrder, afterClose.diskOrder);
  const sameResponses = [...whileCollecting.diskOrder].sort().join() === [...afterClose.diskOrder].sort().join();
  return [
    {
      name: "while collecting, a submit's response shares a transaction id with its assignment (the probe sees links)",
      ok: whileCollecting.sharingATransaction >= acknowledged && whileCollecting.sharingATransaction > 0,
      detail: `${whileCollecting.sharingATransaction} of ${whileCollecting.diskOrder.length} responses share a transaction id with an assignment; ${acknowledged} submitted under load`,
    },
    {
      name: "after close, no response shares a transaction id with any assignment",
      ok: afterClose.sharingATransaction === 0,
      detail: `${afterClose.sharingATransaction} of ${afterClose.diskOrder.length} responses`,
    },
    {
      name: "after close, disk order does not follow submit order",
      ok: sameResponses && kept < MOST_ORDER_KEPT_BY_CHANCE,
      detail: `${(kept * 100).toFixed(1)} % of neighbours on disk kept (limit ${MOST_ORDER_KEPT_BY_CHANCE * 100} %)${sameResponses ? "; the same responses" : "; responses changed by close"}`,
    },
    {
      name: "no response carries a time of day",
      ok: whileCollecting.timeColumns.length === 0 && afterClose.timeColumns.length === 0,
      detail: afterClose.timeColumns.length
        ? afterClose.timeColumns.join(", ")
        : "no date or time column in responses, response_ratings, response_comments",
    },
  ];
}
