import { Refusal } from "../../domain/refusal";
import { z } from "zod";
import { getTeamOverview } from "../../db/queries/team";
import { isoDay } from "../../domain/reminders";
import { getTeamHeatmap, getTeamProfile } from "../../db/queries/team-report";
import { createTRPCRouter, managerProcedure, rateLimit } from "../trpc";
import { RATE_LIMITS } from "../rate-limits";
import { AGREEMENTS, AXIS_KINDS } from "../../../lib/vocabulary";

const teamOverview = z.object({
  members: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      title: z.string(),
      department: z.string(),
      directReports: z.number().int(),
      organisationBelow: z.number().int(),
    }),
  ),
  coverage: z
    .object({
      cycleId: z.uuid(),
      cycleName: z.string(),
      closesOn: z.string(),
      minGroupSize: z.number().int(),
      countedOn: z.iso.date(),
      byMember: z.record(
        z.string(),
        z.object({
          anonymousSubmitted: z.number().int(),
          anonymousRequested: z.number().int(),
          managerDone: z.boolean(),
          selfDone: z.boolean(),
        }),
      ),
    })
    .nullable(),
});

const axis = z.object({ id: z.uuid(), key: z.string(), name: z.string(), kind: z.enum(AXIS_KINDS) });

const publishedCycle = z.object({ id: z.uuid(), name: z.string(), publishedAt: z.string().nullable() });

const heatmapCell = z.discriminatedUnion("suppressed", [
  z.object({ suppressed: z.literal(false), n: z.number().int(), shrunkMean: z.number() }),
  z.object({ suppressed: z.literal(true), n: z.number().int(), k: z.number().int() }),
]);

const teamHeatmap = z.object({
  cycles: z.array(publishedCycle),
  cycle: publishedCycle.extend({ minGroupSize: z.number().int() }).nullable(),
  axes: z.array(axis),
  people: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      title: z.string(),
      depth: z.number().int().min(1),
      managerName: z.string().nullable(),
      inCycle: z.boolean(),
      cells: z.record(z.string(), heatmapCell),
      coverage: z.object({ anonymous: z.number().int(), self: z.number().int(), manager: z.number().int() }),
    }),
  ),
});

const teamProfile = z.object({
  subject: z.object({ id: z.uuid(), name: z.string(), title: z.string(), managerName: z.string().nullable() }),
  cycle: z.object({ id: z.uuid(), name: z.string(), minGroupSize: z.number().int() }),
  axes: z.array(
    axis.extend({
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
    }),
  ),
});

/** One answer for "no such person", "not in your tree" and "no results there",
 *  so that the error says nothing about who exists. */
const notFound = () => new Refusal("not_found", "No published results for that person in that cycle.");

export const teamRouter = createTRPCRouter({
  /** The signed-in manager's direct reports and their response coverage. */
  mine: managerProcedure
    .output(teamOverview)
    .query(({ ctx }) => getTeamOverview(ctx.db, ctx.user.id, { today: isoDay(new Date()) })),

  /** Published results of the manager's whole reporting tree, people × axes. */
  heatmap: managerProcedure
    .use(rateLimit(RATE_LIMITS.results))
    .input(z.strictObject({ cycleId: z.uuid().optional() }).optional())
    .output(teamHeatmap)
    .query(async ({ ctx, input }) => {
      return await getTeamHeatmap(ctx.db, ctx.user.id, input?.cycleId);
    }),

  /** One report's competency profile; only for someone in the caller's tree. */
  profile: managerProcedure
    .use(rateLimit(RATE_LIMITS.results))
    .input(z.strictObject({ cycleId: z.uuid(), subjectId: z.uuid() }))
    .output(teamProfile)
    .query(async ({ ctx, input }) => {
      const profile = await getTeamProfile(ctx.db, ctx.user.id, input.cycleId, input.subjectId);
      if (!profile) throw notFound();
      return profile;
    }),
});
