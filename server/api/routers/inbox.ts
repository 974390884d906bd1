import { z } from "zod";
import { listFeedbackRequests } from "../../db/queries/inbox";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { RELATIONSHIPS } from "../../../lib/vocabulary";

const relationship = z.enum(RELATIONSHIPS);

const inboxCycle = z.object({
  cycleId: z.uuid(),
  cycleName: z.string(),
  closesOn: z.string(),
  requests: z.array(
    z.object({
      assignmentId: z.uuid(),
      subjectName: z.string(),
      subjectTitle: z.string(),
      relationship,
      state: z.enum(["not_started", "draft", "submitted", "declined"]),
    }),
  ),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
});

export const inboxRouter = createTRPCRouter({
  /** The feedback requests the signed-in person owes, by cycle. */
  mine: protectedProcedure.output(z.array(inboxCycle)).query(({ ctx }) => listFeedbackRequests(ctx.db, ctx.user.id)),
});
