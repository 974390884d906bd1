/**
 * What a manager's team views return, declared once as zod: the queries
 * (server/db/queries/team.ts, team-report.ts) return `z.infer` of these, the
 * router uses them as its outputs, and pages get the same types through it.
 */
import { z } from "zod";
import { AGREEMENTS, AXIS_KINDS } from "../../lib/vocabulary";

export const teamMember = z.object({
  id: z.uuid(),
  name: z.string(),
  title: z.string(),
  department: z.string(),
  directReports: z.number().int(),
  /** People below them in the org chart, at any depth. */
  organisationBelow: z.number().int(),
});
export type TeamMember = z.infer<typeof teamMember>;

export const teamCoverage = z.object({
  cycleId: z.uuid(),
  cycleName: z.string(),
  closesOn: z.string(),
  minGroupSize: z.number().int(),
  /** The day (UTC) the anonymous counts are as of: they change once a day (server/db/queries/progress.ts). */
  countedOn: z.iso.date(),
  /** Counts only, per direct report: never who answered. The anonymous ones
   *  as counted that day; self-review and the manager's own review, whose
   *  raters are named anyway, as they stand. */
  byMember: z.record(
    z.string(),
    z.object({
      anonymousSubmitted: z.number().int(),
      anonymousRequested: z.number().int(),
      managerDone: z.boolean(),
      selfDone: z.boolean(),
    }),
  ),
});
export type TeamCoverage = z.infer<typeof teamCoverage>;

/** The manager's direct reports and, for the cycle collecting now, how many responses each has. */
export const teamOverview = z.object({
  members: z.array(teamMember),
  coverage: teamCoverage.nullable(),
});
export type TeamOverview = z.infer<typeof teamOverview>;

export const heatmapAxis = z.object({ id: z.uuid(), key: z.string(), name: z.string(), kind: z.enum(AXIS_KINDS) });
export type HeatmapAxis = z.infer<typeof heatmapAxis>;

// publishedAt is the timestamp as PostgreSQL writes it in text, not a Date.
export const publishedCycleOption = z.object({ id: z.uuid(), name: z.string(), publishedAt: z.string().nullable() });
export type PublishedCycleOption = z.infer<typeof publishedCycleOption>;

/** The others' shrunk mean on one axis, or, when hidden, only its count and k. */
export const heatmapCell = z.discriminatedUnion("suppressed", [
  z.object({ suppressed: z.literal(false), n: z.number().int(), shrunkMean: z.number() }),
  z.object({ suppressed: z.literal(true), n: z.number().int(), k: z.number().int() }),
]);
export type HeatmapCell = z.infer<typeof heatmapCell>;

export const heatmapPerson = z.object({
  id: z.uuid(),
  name: z.string(),
  title: z.string(),
  /** 1 for a direct report, 2 for their reports, and so on. */
  depth: z.number().int().min(1),
  managerName: z.string().nullable(),
  /** False when the person had no published figures in this cycle. */
  inCycle: z.boolean(),
  /** competency id → the others' shrunk mean, or why it is hidden. */
  cells: z.record(z.string(), heatmapCell),
  coverage: z.object({ anonymous: z.number().int(), self: z.number().int(), manager: z.number().int() }),
});
export type HeatmapPerson = z.infer<typeof heatmapPerson>;

/** Published results of a manager's whole reporting tree, people × axes, for one cycle. */
export const teamHeatmap = z.object({
  cycles: z.array(publishedCycleOption),
  cycle: publishedCycleOption.extend({ minGroupSize: z.number().int() }).nullable(),
  axes: z.array(heatmapAxis),
  people: z.array(heatmapPerson),
});
export type TeamHeatmap = z.infer<typeof teamHeatmap>;

export const profileAxis = heatmapAxis.extend({
  others: z.object({
    n: z.number().int(),
    suppressed: z.boolean(),
    mean: z.number().nullable(),
    ciLow: z.number().nullable(),
    ciHigh: z.number().nullable(),
    shrunkMean: z.number().nullable(),
  }),
  self: z
    .object({
      mean: z.number(),
      differenceFromOthers: z.number().nullable(),
      agreement: z.enum(AGREEMENTS).nullable(),
    })
    .nullable(),
  manager: z.object({ mean: z.number(), differenceFromOthers: z.number().nullable() }).nullable(),
});
export type ProfileAxis = z.infer<typeof profileAxis>;

/** One report's published competency profile, as their manager sees it. */
export const teamProfile = z.object({
  subject: z.object({ id: z.uuid(), name: z.string(), title: z.string(), managerName: z.string().nullable() }),
  cycle: z.object({ id: z.uuid(), name: z.string(), minGroupSize: z.number().int() }),
  axes: z.array(profileAxis),
});
export type TeamProfile = z.infer<typeof teamProfile>;
