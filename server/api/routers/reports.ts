import { z } from "zod";
import { loadMyReport } from "../../db/queries/report";
import { createTRPCRouter, protectedProcedure, rateLimit } from "../trpc";
import { RATE_LIMITS } from "../rate-limits";

const hiddenFigure = z.object({ suppressed: z.literal(true), n: z.number().int() });
const shownFigure = z.object({
  suppressed: z.literal(false),
  n: z.number().int(),
  mean: z.number(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  distribution: z.array(z.number().int()).length(5),
  shrunkMean: z.number().nullable(),
  agreement: z.enum(["blind_spot", "hidden_strength", "in_line"]).nullable(),
  differenceFromOthers: z.number().nullable(),
});
// Strict: a hidden figure can only ever carry its count.
const figure = z.discriminatedUnion("suppressed", [hiddenFigure.strict(), shownFigure.strict()]).nullable();

const axis = z.object({
  key: z.string(),
  kind: z.enum(["competency", "visibility"]),
  name: z.string(),
  description: z.string(),
  orgMean: z.number().nullable(),
  groups: z.object({ self: figure, manager: figure, others: figure, peer: figure, direct_report: figure }),
});

const cycle = z.object({ id: z.uuid(), name: z.string(), publishedAt: z.date(), minGroupSize: z.number().int() });

/** A published report as pages receive it; also the evidence HR reads in the finder. */
export const publishedReport = z.object({
  cycle,
  cycles: z.array(cycle),
  anonymousResponses: z.number().int(),
  competencies: z.array(axis),
  visibility: axis.nullable(),
  // No ids, dates or anything else that could tie two comments together.
  comments: z.array(
    z.strictObject({ question: z.string(), group: z.enum(["self", "manager", "others"]), bodies: z.array(z.string()) }),
  ),
  trend: z.object({
    cycles: z.array(cycle),
    rows: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        points: z.array(
          z.object({
            cycleId: z.uuid(),
            figure: z
              .discriminatedUnion("suppressed", [
                hiddenFigure.strict(),
                z.strictObject({ suppressed: z.literal(false), n: z.number().int(), mean: z.number() }),
              ])
              .nullable(),
          }),
        ),
      }),
    ),
  }),
});

const reportOutput = publishedReport.nullable();

export const reportsRouter = createTRPCRouter({
  /** The signed-in person's own report for one of their published cycles (latest by default), or null.
   *  There is deliberately no input naming a subject: the subject is always the viewer. */
  mine: protectedProcedure
    .use(rateLimit(RATE_LIMITS.results))
    .input(z.strictObject({ cycleId: z.uuid().optional() }))
    .output(reportOutput)
    .query(({ ctx, input }) => loadMyReport(ctx.db, ctx.user.id, input.cycleId)),
});
