import { z } from "zod";
import { loadOrganisationOverview } from "../../db/queries/organisation";
import { createTRPCRouter, hrProcedure, rateLimit } from "../trpc";
import { RATE_LIMITS } from "../rate-limits";
import { AXIS_KINDS } from "../../../lib/vocabulary";

const cycle = z.object({ id: z.uuid(), name: z.string(), publishedAt: z.date(), minGroupSize: z.number().int() });
const mover = z.object({
  id: z.uuid(),
  name: z.string(),
  title: z.string(),
  department: z.string(),
  before: z.number(),
  now: z.number(),
  ciLow: z.number(),
  ciHigh: z.number(),
});

const overview = z.object({
  cycles: z.array(cycle),
  cycle: cycle.nullable(),
  axes: z.array(z.object({ id: z.uuid(), key: z.string(), name: z.string(), kind: z.enum(AXIS_KINDS) })),
  organisation: z.record(z.string(), z.number()),
  departments: z.array(
    z.object({
      department: z.string(),
      people: z.number().int(),
      shown: z.boolean(),
      reason: z.string().nullable(),
      cells: z.record(
        z.string(),
        z.discriminatedUnion("shown", [
          z.strictObject({ shown: z.literal(true), mean: z.number(), people: z.number().int() }),
          z.strictObject({ shown: z.literal(false), people: z.number().int() }),
        ]),
      ),
    }),
  ),
  movers: z.object({ previous: cycle.nullable(), rose: z.array(mover), fell: z.array(mover) }),
  responseRates: z.array(
    z.object({
      department: z.string(),
      participants: z.number().int(),
      total: z.number().int(),
      submitted: z.number().int(),
      declined: z.number().int(),
    }),
  ),
});

export const organisationRouter = createTRPCRouter({
  /** Departments × competencies, movers since the previous published cycle, response rates. HR only. */
  overview: hrProcedure
    .use(rateLimit(RATE_LIMITS.results))
    .input(z.strictObject({ cycleId: z.uuid({ error: "Not a cycle id." }).optional() }))
    .output(overview)
    .query(({ ctx, input }) => loadOrganisationOverview(ctx.db, input.cycleId)),
});
