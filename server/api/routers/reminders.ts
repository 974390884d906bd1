import { z } from "zod";
import { readConfig } from "../../config";
import { previewReminders, sendReminders } from "../../db/queries/reminders";
import { isoDay } from "../../domain/reminders";
import { mailerFor } from "../../mail";
import { createTRPCRouter, hrProcedure } from "../trpc";

const input = z.strictObject({ cycleId: z.uuid({ error: "Not a cycle id." }) });

export const remindersRouter = createTRPCRouter({
  /** How many people a send would remind (open requests at the day's count,
   *  not reminded today), and where the mail would go. */
  preview: hrProcedure
    .input(input)
    .output(
      z.object({
        due: z.number().int(),
        remindedToday: z.number().int(),
        countedOn: z.iso.date(),
        delivery: z.enum(["smtp", "outbox"]),
      }),
    )
    .query(async ({ ctx, input }) => {
      const counts = await previewReminders(ctx.db, { cycleId: input.cycleId, today: isoDay(new Date()) });
      return { ...counts, delivery: readConfig().mail.smtpUrl ? ("smtp" as const) : ("outbox" as const) };
    }),

  /** Reminds everyone with open requests in a collecting cycle, at most once a
   *  day each; the counts are written to the audit log. */
  send: hrProcedure
    .input(input)
    .output(z.object({ sent: z.number().int(), skipped: z.number().int(), failed: z.number().int() }))
    .mutation(({ ctx, input }) => {
      const { mail } = readConfig();
      return sendReminders(ctx.db, {
        cycleId: input.cycleId,
        today: isoDay(new Date()),
        actorId: ctx.user.id,
        mailer: mailerFor(mail),
        appUrl: mail.appUrl,
      });
    }),
});
