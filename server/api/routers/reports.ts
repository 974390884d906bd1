import { z } from "zod";
import { loadMyReport } from "../../db/queries/report";
import { createTRPCRouter, protectedProcedure, rateLimit } from "../trpc";
import { RATE_LIMITS } from "../rate-limits";
import { publishedReport } from "../../shapes/published-report";

const reportOutput = publishedReport.nullable();

export const reportsRouter = createTRPCRouter({
  /** The signed-in person's own report for one of their published cycles (latest by default), or null.
   *  There is deliberately no input naming a subject: the subject is always the viewer. */
  mine: protectedProcedure
    .use(rateLimit(RATE_LIMITS.results))
    .input(z.strictObject({ cycleId: z.uuid().optional() }))
    .output(reportOutput)
    .query(({ ctx, input }) => loadMyReport(ctx.db, { subjectId: ctx.user.id, cycleId: input.cycleId })),
});
