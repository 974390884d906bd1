import { z } from "zod";
import { listCycleSummaries } from "../../db/queries/cycles";
import { createTRPCRouter, hrProcedure } from "../trpc";

const counts = {
  total: z.number().int(),
  submitted: z.number().int(),
  inProgress: z.number().int(),
  notStarted: z.number().int(),
  declined: z.number().int(),
};

const cycleSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(["draft", "nominating", "collecting", "closed", "published"]),
  opensOn: z.string(),
  closesOn: z.string(),
  minGroupSize: z.number().int(),
  subjects: z.number().int(),
  requests: z.object(counts),
  byDepartment: z.array(z.object({ department: z.string(), subjects: z.number().int(), ...counts })),
});

export const cyclesRouter = createTRPCRouter({
  /** Every cycle with response counts, for HR. */
  overview: hrProcedure.output(z.array(cycleSummary)).query(({ ctx }) => listCycleSummaries(ctx.db)),
});
