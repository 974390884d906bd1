import { z } from "zod";
import { listAudit } from "../../db/queries/audit";
import { adminProcedure, createTRPCRouter } from "../trpc";

const entry = z.object({
  id: z.number().int(),
  at: z.date(),
  action: z.string(),
  actor: z.string().nullable(),
  subject: z.string().nullable(),
  cycle: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const auditRouter = createTRPCRouter({
  /** Who looked at whose results, and who exported what: newest first, a page at a time. Admins only. */
  list: adminProcedure
    .input(
      z.strictObject({
        before: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .output(z.object({ entries: z.array(entry), more: z.boolean() }))
    .query(({ ctx, input }) => listAudit(ctx.db, input)),
});
