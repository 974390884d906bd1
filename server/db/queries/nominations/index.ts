/**
 * Peer nominations: while a cycle is `nominating`, each person taking part
 * proposes the peers who will give them feedback, and their manager approves,
 * rejects or adds. When collection starts, APPROVED nominations become peer
 * requests (cycle administration does that; this module never does).
 *
 * Rules, decided here and enforced in SQL:
 *
 * - A subject is anyone who takes part in the cycle (`takesPart`). A nominee is
 *   any active person (peers may come from other teams or departments), except
 *   the subject, the subject's manager and the subject's direct reports: those
 *   already give feedback as self, manager and direct report.
 * - Proposed and approved nominations count toward the cycle's `maxPeers`;
 *   rejected ones do not. Nominations of people who have since left
 *   (deactivated) are no longer shown or counted.
 * - A subject may withdraw their own proposals, proposed or approved, while the
 *   cycle is nominating. They cannot withdraw a peer their manager added, nor
 *   re-propose someone their manager rejected (the rejection stands, and is
 *   shown without a reason as "not approved by your manager").
 * - Proposing someone already proposed or approved is idempotent: it returns
 *   the existing nomination, so a double click proposes once.
 * - A subject with no active manager has nobody to approve their choices:
 *   their proposals are approved as they are made.
 * - A manager acts on their DIRECT reports only; that is part of every WHERE
 *   clause below, so anyone else's nomination is simply not found. They may
 *   approve, reject (a subject's proposal: kept as rejected; a peer they added
 *   themselves: removed), add (approved at once, `addedByManager`), or approve
 *   all of one report's proposals. Rejecting and re-approving is allowed while
 *   the cycle is nominating.
 * - Every write happens only while the cycle is `nominating`, and takes a share
 *   lock on the cycle row (so the cycle cannot advance mid-write) and a lock
 *   on the subject's row (so two writes cannot both squeeze under maxPeers).
 */
export {
  listMyNominations,
  proposeNomination,
  searchPeopleForNomination,
  suggestPeers,
  withdrawNomination,
} from "./subject";
export {
  addNominationAsManager,
  approveAllProposed,
  decideNomination,
  getTeamNominations,
  listTeamNominationCycles,
} from "./manager";
