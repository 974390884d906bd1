import { z } from "zod";
import { protectedProcedure, createTRPCRouter } from "../trpc";

const viewerOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  roles: z.object({ manager: z.boolean(), hr: z.boolean(), admin: z.boolean() }),
});

export const sessionRouter = createTRPCRouter({
  /** Who is signed in and what they may do, as the org chart says now. */
  viewer: protectedProcedure.output(viewerOutput).query(({ ctx }) => ctx.user),
});
