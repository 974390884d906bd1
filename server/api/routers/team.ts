import { z } from "zod";
import { getTeamOverview } from "../../db/queries/team";
import { createTRPCRouter, managerProcedure } from "../trpc";

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

export const teamRouter = createTRPCRouter({
  /** The signed-in manager's direct reports and their response coverage. */
  mine: managerProcedure.output(teamOverview).query(({ ctx }) => getTeamOverview(ctx.db, ctx.user.id)),
});
