import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { readConfig } from "../../config";
import { listOutbox } from "../../db/queries/outbox";
import { createTRPCRouter, publicProcedure } from "../trpc";

/** Administrators; in demo mode anyone, signed in or not, so a visitor can
 *  see the reminder they were sent or open the sign-in link they asked for
 *  (anyone may sign in as anyone there). Real mail is not for others. */
const outboxReaderProcedure = publicProcedure.use(({ ctx, next }) => {
  if (readConfig().demoSignIn) return next();
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  if (!ctx.user.roles.admin)
    throw new TRPCError({ code: "FORBIDDEN", message: "Only administrators can read the outbox." });
  return next();
});

const mail = z.object({
  id: z.number().int(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  kind: z.string(),
  createdAt: z.date(),
});

export const outboxRouter = createTRPCRouter({
  /** Mail kept in the dev outbox, newest first, a page at a time; and whether
   *  new mail goes there (no SMTP_URL) or out through SMTP. */
  list: outboxReaderProcedure
    .input(
      z.strictObject({
        before: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(100).default(20),
      }),
    )
    .output(z.object({ mails: z.array(mail), more: z.boolean(), delivery: z.enum(["smtp", "outbox"]) }))
    .query(async ({ ctx, input }) => ({
      ...(await listOutbox(ctx.db, input)),
      delivery: readConfig().mail.smtpUrl ? ("smtp" as const) : ("outbox" as const),
    })),
});
