/**
 * What the nomination procedures return, declared once as zod: the queries
 * return `z.infer` of these, the router uses them as its outputs.
 */
import { z } from "zod";
import { NOMINATION_STATUSES } from "../../lib/vocabulary";

export const personCard = z.object({ id: z.uuid(), name: z.string(), title: z.string(), department: z.string() });
export type PersonCard = z.infer<typeof personCard>;

export const nomination = z.object({
  id: z.uuid(),
  nominee: personCard,
  status: z.enum(NOMINATION_STATUSES),
  addedByManager: z.boolean(),
});
export type Nomination = z.infer<typeof nomination>;

export const nominationCycle = z.object({
  id: z.uuid(),
  name: z.string(),
  closesOn: z.string(),
  /** k: the fewest anonymous raters behind any figure the subject will see. */
  minGroupSize: z.number().int(),
  minPeers: z.number().int(),
  maxPeers: z.number().int(),
});
export type NominationCycle = z.infer<typeof nominationCycle>;

/** Why a suggested peer is suggested. */
export const SUGGESTION_REASONS = ["same_manager", "same_department"] as const;
export type SuggestionReason = (typeof SUGGESTION_REASONS)[number];
const suggestion = personCard.extend({ reason: z.enum(SUGGESTION_REASONS) });
export type Suggestion = z.infer<typeof suggestion>;

/** Why a person found by search cannot be added for this subject. */
export const UNAVAILABLE_REASONS = ["self", "manager", "direct_report", "chosen", "not_approved"] as const;
export type Unavailable = (typeof UNAVAILABLE_REASONS)[number];
export const searchResult = personCard.extend({ unavailable: z.enum(UNAVAILABLE_REASONS).nullable() });
export type SearchResult = z.infer<typeof searchResult>;

export const myNominations = z.object({
  cycle: nominationCycle,
  /** The manager who approves; null when there is none and choices stand as made. */
  approverName: z.string().nullable(),
  nominations: z.array(nomination),
  /** Proposed + approved: what counts toward maxPeers. */
  chosen: z.number().int(),
  approved: z.number().int(),
  suggestions: z.array(suggestion),
});
export type MyNominations = z.infer<typeof myNominations>;

export const teamNominationCycle = nominationCycle.extend({
  /** Direct reports who take part. */
  reports: z.number().int(),
  /** Proposals waiting for the manager's decision. */
  toDecide: z.number().int(),
  /** Reports with fewer approved peers than minPeers. */
  belowMinimum: z.number().int(),
});
export type TeamNominationCycle = z.infer<typeof teamNominationCycle>;

const teamMember = personCard.extend({
  nominations: z.array(nomination),
  chosen: z.number().int(),
  approved: z.number().int(),
  proposed: z.number().int(),
});
export type TeamMemberNominations = z.infer<typeof teamMember>;

export const teamNominations = z.object({
  cycle: nominationCycle.extend({ open: z.boolean() }),
  members: z.array(teamMember),
});
export type TeamNominations = z.infer<typeof teamNominations>;
