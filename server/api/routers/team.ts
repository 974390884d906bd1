import { Refusal } from "../../domain/refusal";
import { z } from "zod";
import { getTeamOverview } from "../../db/queries/team";
import { isoDay } from "../../domain/reminders";
import { getTeamHeatmap, getTeamProfile } from "../../db/queries/team-report";
import { createTRPCRouter, managerProcedure, rateLimit } from "../trpc";
import { RATE_LIMITS } from "../rate-limits";
import { teamHeatmap, teamOverview, teamProfile } from "../../shapes/team";

/** One answer for "no such person", "not in your tree" and "no results there",
 *  so that the error says nothing about who exists. */
const notFound = () => new Refusal("not_found", "No published results for that person in that cycle.");

export const teamRouter = createTRPCRouter({
  /** The signed-in manager's direct reports and their response coverage. */
  mine: managerProcedure
    .output(teamOverview)
    .query(({ ctx }) => getTeamOverview(ctx.db, { managerId: ctx.user.id, today: isoDay(new Date()) })),

  /** Published results of the manager's whole reporting tree, people × axes. */
  heatmap: managerProcedure
    .use(rateLimit(RATE_LIMITS.results))
    .input(z.strictObject({ cycleId: z.uuid().optional() }).optional())
    .output(teamHeatmap)
    .query(async ({ ctx, input }) => {
      return await getTeamHeatmap(ctx.db, { managerId: ctx.user.id, cycleId: input?.cycleId });
    }),

  /** One report's competency profile; only for someone in the caller's tree. */
  profile: managerProcedure
    .use(rateLimit(RATE_LIMITS.results))
    .input(z.strictObject({ cycleId: z.uuid(), subjectId: z.uuid() }))
    .output(teamProfile)
    .query(async ({ ctx, input }) => {
      const profile = await getTeamProfile(ctx.db, {
        managerId: ctx.user.id,
        cycleId: input.cycleId,
        subjectId: input.subjectId,
      });
      if (!profile) throw notFound();
      return profile;
    }),
});
