import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { readConfig } from "../../config";
import { listActivePeopleWithRoles } from "../../db/queries/people";
import { createTRPCRouter, publicProcedure } from "../trpc";

const pickablePerson = z.object({
  id: z.uuid(),
  name: z.string(),
  title: z.string(),
  department: z.string(),
  roles: z.object({ manager: z.boolean(), hr: z.boolean(), admin: z.boolean() }),
});

export const demoRouter = createTRPCRouter({
  /** The person picker of demo sign-in. Refused unless demo sign-in is on:
   *  a real deployment never lists its people to signed-out visitors. */
  people: publicProcedure.output(z.array(pickablePerson)).query(async ({ ctx }) => {
    if (!readConfig().demoSignIn) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Demo sign-in is turned off." });
    }
    return listActivePeopleWithRoles(ctx.db);
  }),
});
