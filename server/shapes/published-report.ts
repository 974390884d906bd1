/**
 * What a published report is, declared once as zod: the query that reads it
 * returns `z.infer` of these schemas, the procedures that serve it use them as
 * their output, and pages get the same types through the router.
 */
import { z } from "zod";
import { AGREEMENTS, AXIS_KINDS } from "../../lib/vocabulary";

// Strict: a hidden figure can only ever carry its count, so the page can say why it is hidden.
const hiddenFigure = z.strictObject({ suppressed: z.literal(true), n: z.number().int() });
const agreement = z.enum(AGREEMENTS).nullable();

/** What a shown figure says, in every group: n, mean and interval, and what is meant for that group. */
const shownFigure = z.strictObject({
  suppressed: z.literal(false),
  n: z.number().int(),
  mean: z.number(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  /** others only */
  shrunkMean: z.number().nullable(),
  /** self only */
  agreement,
  /** self and manager only */
  differenceFromOthers: z.number().nullable(),
});

/** A competency's figure: with the distribution of answers. */
export const reportFigure = z
  .discriminatedUnion("suppressed", [
    hiddenFigure,
    shownFigure.extend({ distribution: z.array(z.number().int()).length(5) }),
  ])
  .nullable();
export type ReportFigure = NonNullable<z.infer<typeof reportFigure>>;

/** The composite of one group: the same figure without a distribution. */
export const compositeFigure = z.discriminatedUnion("suppressed", [hiddenFigure, shownFigure]).nullable();
export type CompositeFigure = NonNullable<z.infer<typeof compositeFigure>>;

export const reportAxis = z.object({
  key: z.string(),
  kind: z.enum(AXIS_KINDS),
  name: z.string(),
  description: z.string(),
  /** Mean of every subject's published, shown others mean on this axis in this cycle. */
  orgMean: z.number().nullable(),
  /** A group is null when nobody in it answered (or, for peer/direct_report, when they are not split out). */
  groups: z.object({
    self: reportFigure,
    manager: reportFigure,
    others: reportFigure,
    peer: reportFigure,
    direct_report: reportFigure,
  }),
});
export type ReportAxis = z.infer<typeof reportAxis>;

export const reportCycle = z.object({
  id: z.uuid(),
  name: z.string(),
  publishedAt: z.date(),
  /** k of that cycle: an earlier cycle's hidden figure is explained by its own k. */
  minGroupSize: z.number().int(),
});
export type ReportCycle = z.infer<typeof reportCycle>;

const COMMENT_GROUPS = ["self", "manager", "others"] as const;

// No ids, dates or anything else that could tie two comments together; bodies in a random order drawn per request.
const commentGroup = z.strictObject({
  question: z.string(),
  group: z.enum(COMMENT_GROUPS),
  bodies: z.array(z.string()),
});
export type ReportCommentGroup = z.infer<typeof commentGroup>;

const trendRow = z.object({
  key: z.string(),
  name: z.string(),
  points: z.array(
    z.object({
      cycleId: z.uuid(),
      figure: z
        .discriminatedUnion("suppressed", [
          hiddenFigure,
          z.strictObject({ suppressed: z.literal(false), n: z.number().int(), mean: z.number() }),
        ])
        .nullable(),
    }),
  ),
});
export type TrendRow = z.infer<typeof trendRow>;

/** A published report as pages receive it; also the evidence HR reads in the finder. */
export const publishedReport = z.object({
  cycle: reportCycle,
  /** The subject's published cycles, newest first, for the switcher. */
  cycles: z.array(reportCycle),
  /** The most anonymous responses behind any axis: "based on N anonymous responses". */
  anonymousResponses: z.number().int(),
  competencies: z.array(reportAxis),
  visibility: reportAxis.nullable(),
  comments: z.array(commentGroup),
  /** Earlier published cycles of the subject, oldest first, and the others mean per axis in each. */
  trend: z.object({ cycles: z.array(reportCycle), rows: z.array(trendRow) }),
});
export type PublishedReport = z.infer<typeof publishedReport>;
