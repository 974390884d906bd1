/**
 * What HR's cycle procedures return, declared once as zod: the queries
 * (server/db/queries/cycles.ts, cycle-admin/, publish-jobs.ts) return
 * `z.infer` of these, the router uses them as its outputs, and pages get the
 * same types through it.
 */
import { z } from "zod";
import { CYCLE_STATUSES, type CycleStatus, PUBLISH_JOB_STATES } from "../../lib/vocabulary";

/** Requests by where they stand: counts only, never who. */
export const requestCounts = z.object({
  total: z.number().int(),
  submitted: z.number().int(),
  inProgress: z.number().int(),
  notStarted: z.number().int(),
  declined: z.number().int(),
});
export type RequestCounts = z.infer<typeof requestCounts>;

/** What every view of a cycle shows. */
const cycleBase = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(CYCLE_STATUSES),
  opensOn: z.string(),
  closesOn: z.string(),
  minGroupSize: z.number().int(),
  requests: requestCounts,
  /** While the cycle collects: the day (UTC) its counts (and warnings) are as of. They change once a day (server/db/queries/progress.ts). */
  countedOn: z.iso.date().nullable(),
});

/** A cycle in HR's list. */
export const cycleSummary = cycleBase.extend({ subjects: z.number().int() });
export type CycleSummary = z.infer<typeof cycleSummary>;

/** Requests about the people of one department. */
export const departmentRequests = z.object({
  department: z.string(),
  participants: z.number().int(),
  ...requestCounts.shape,
});
export type DepartmentRequests = z.infer<typeof departmentRequests>;

/** A subject whose anonymous raters cannot reach k, and what that means for their report. */
export const groupSizeWarning = z.object({
  subjectId: z.uuid(),
  name: z.string(),
  department: z.string(),
  peers: z.number().int(),
  directReports: z.number().int(),
  outcome: z.enum(["combined_only", "none"]),
  consequence: z.string(),
});
export type GroupSizeWarningRow = z.infer<typeof groupSizeWarning>;

/** HR's page of one cycle: settings, where it stands, counts by department and the groups that cannot reach k. */
export const cycleDetail = cycleBase.extend({
  /** null: the whole organisation. */
  departments: z.array(z.string()).nullable(),
  minPeers: z.number().int(),
  maxPeers: z.number().int(),
  modelName: z.string(),
  closedAt: z.string().nullable(),
  /** People reviewed: who takes part now, or once requests exist, their subjects. */
  participants: z.number().int(),
  byDepartment: z.array(departmentRequests),
  /** Before collection: how far nominations have got. */
  nominations: z
    .object({
      approved: z.number().int(),
      awaitingApproval: z.number().int(),
      subjectsWithEnoughPeers: z.number().int(),
    })
    .nullable(),
  /** Before collection: what starting it would create. */
  plan: z.object({ requests: z.number().int(), raters: z.number().int() }).nullable(),
  /** Subjects whose anonymous raters cannot reach k: from the plan before
   *  collection, from the requests not declined after. */
  warningsBasis: z.enum(["plan", "requests"]),
  warnings: z.array(groupSizeWarning),
});
export type CycleDetail = z.infer<typeof cycleDetail>;

/** A cycle's settings: what HR chooses for a draft, and what the detail shows of them. */
export type CycleSettings = Pick<
  CycleDetail,
  "name" | "opensOn" | "closesOn" | "minGroupSize" | "departments" | "minPeers" | "maxPeers"
>;

/** A department that active people work in: what a cycle can be limited to. */
export const departmentChoice = z.object({
  name: z.string(),
  /** Active people in it now. */
  people: z.number().int(),
});
export type DepartmentChoice = z.infer<typeof departmentChoice>;

/** The cycle a create or an update saved. */
export const savedCycle = z.object({ id: z.uuid() });
export type SavedCycle = z.infer<typeof savedCycle>;

/** Where moving a cycle on can take it. Publishing is not among them: it runs as a job (server/db/queries/publish-jobs.ts). */
export const ADVANCE_TARGETS = ["nominating", "collecting", "closed"] as const satisfies readonly CycleStatus[];
export type AdvanceTarget = (typeof ADVANCE_TARGETS)[number];

export const advanceResult = z.object({
  id: z.uuid(),
  status: z.enum(ADVANCE_TARGETS),
  /** Feedback requests created (when collection starts), otherwise 0. */
  requestsCreated: z.number().int(),
});
export type AdvanceResult = z.infer<typeof advanceResult>;

/** Where a cycle's newest publish stands, as any app server reads it. */
export const publishStatus = z.object({
  id: z.uuid(),
  state: z.enum(PUBLISH_JOB_STATES),
  step: z.number().int(),
  steps: z.number().int(),
  label: z.string().nullable(),
  error: z.string().nullable(),
  attempts: z.number().int(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
  /** Running, but its server has not been heard from for a while: another server takes it over. */
  stalled: z.boolean(),
});
export type PublishStatus = z.infer<typeof publishStatus>;

/** A publish asked for: the job, and whether it was already queued or running (attached to it). */
export const publishRequest = z.object({ job: publishStatus, attached: z.boolean() });
