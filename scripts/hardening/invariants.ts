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

export function checkSubmissionInvariants(before: CycleCounts, after: CycleCounts, client: ClientTally, sent: SentAssignments): InvariantCheck[] {
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
