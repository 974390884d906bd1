/**
 * The words the data is made of, declared once: the database enums
 * (server/db/schema.ts builds its pgEnums from these lists), the procedures'
 * zod schemas (`z.enum(RELATIONSHIPS)`) and the types both sides use.
 * Isomorphic: imported by the server and by components alike.
 */

export const AXIS_KINDS = ["competency", "visibility"] as const;
export type AxisKind = (typeof AXIS_KINDS)[number];

export const QUESTION_KINDS = ["open", "reflection"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const CYCLE_STATUSES = ["draft", "nominating", "collecting", "closed", "published"] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

/** Who a rater is to the person they rate. Peers and direct reports are anonymous; self and manager are not. */
export const RELATIONSHIPS = ["self", "manager", "peer", "direct_report"] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
/** Whether the rater's answers carry their name: the promise the form makes before they start. */
export const relationshipIsAnonymous: Record<Relationship, boolean> = {
  self: false,
  manager: false,
  peer: true,
  direct_report: true,
};

export const NOMINATION_STATUSES = ["proposed", "approved", "rejected"] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

/** Where a feedback request stands for its rater. */
export const REQUEST_STATUSES = ["pending", "in_progress", "submitted", "declined"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The groups a published figure is computed over: "others" is every anonymous rater. */
export const SCORE_GROUPS = ["self", "manager", "others", "peer", "direct_report"] as const;
export type ScoreGroup = (typeof SCORE_GROUPS)[number];

/** Self against others: self above the others' interval, below it, or within it. */
export const AGREEMENTS = ["blind_spot", "hidden_strength", "in_line"] as const;
export type Agreement = (typeof AGREEMENTS)[number];

/** The manager's rating against the anonymous raters'. */
export const MANAGER_GAPS = ["manager_lower", "manager_higher", "in_line"] as const;
export type ManagerGap = (typeof MANAGER_GAPS)[number];

/** Competence against visibility, split at the organisation's medians. */
export const QUADRANTS = ["quiet_influencer", "visible_leader", "visible_not_leading", "developing"] as const;
export type Quadrant = (typeof QUADRANTS)[number];

export const PUBLISH_JOB_STATES = ["queued", "running", "done", "failed"] as const;
export type PublishJobState = (typeof PUBLISH_JOB_STATES)[number];
