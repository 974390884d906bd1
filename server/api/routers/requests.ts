import { z } from "zod";
import { answersSchema } from "../../../lib/answers";
import { declineRequest, loadRequestForm, saveDraft, submitAnswers } from "../../db/queries/submission";
import { createTRPCRouter, protectedProcedure, rateLimit } from "../trpc";
import { RATE_LIMITS } from "../rate-limits";
import { AXIS_KINDS, QUESTION_KINDS, RELATIONSHIPS, REQUEST_STATUSES } from "../../../lib/vocabulary";

const assignmentInput = z.strictObject({ assignmentId: z.uuid() });
const answersInput = z.strictObject({ assignmentId: z.uuid(), answers: answersSchema });
/** A draft names the version it was based on: a save from older answers is refused. */
const draftInput = answersInput.extend({
  basedOnVersion: z.number().int().min(0).max(2_147_483_647),
  /** The opening of the form the save comes from, and its save count: its later save replaces its own earlier one. */
  page: z.strictObject({ id: z.uuid(), save: z.number().int().min(1).max(2_147_483_647) }).optional(),
});

const formOutput = z.object({
  assignmentId: z.uuid(),
  relationship: z.enum(RELATIONSHIPS),
  status: z.enum(REQUEST_STATUSES),
  subject: z.object({ name: z.string(), title: z.string() }),
  cycle: z.object({
    id: z.uuid(),
    name: z.string(),
    status: z.string(),
    closesOn: z.string(),
    closedOn: z.string().nullable(),
    minGroupSize: z.number().int(),
  }),
  sections: z.array(
    z.object({
      key: z.string(),
      kind: z.enum(AXIS_KINDS),
      name: z.string(),
      description: z.string(),
      statements: z.array(z.object({ id: z.uuid(), text: z.string() })),
    }),
  ),
  questions: z.array(z.object({ id: z.uuid(), kind: z.enum(QUESTION_KINDS), prompt: z.string(), hint: z.string() })),
  draft: answersSchema.nullable(),
  draftSavedAt: z.date().nullable(),
  draftVersion: z.number().int(),
});

export const requestsRouter = createTRPCRouter({
  /** The form of one request addressed to the signed-in person, with their draft. */
  form: protectedProcedure
    .input(assignmentInput)
    .output(formOutput)
    .query(({ ctx, input }) => loadRequestForm(ctx.db, { assignmentId: input.assignmentId, raterId: ctx.user.id })),

  saveDraft: protectedProcedure
    .use(rateLimit(RATE_LIMITS.drafts))
    .input(draftInput)
    // `superseded`: this page had already sent a later save, which stands.
    .output(z.object({ savedAt: z.date(), version: z.number().int(), superseded: z.boolean() }))
    .mutation(({ ctx, input }) =>
      saveDraft(ctx.db, {
        assignmentId: input.assignmentId,
        raterId: ctx.user.id,
        answers: input.answers,
        basedOnVersion: input.basedOnVersion,
        page: input.page,
      }),
    ),

  /** Idempotent: a repeated submit of the same request succeeds and writes nothing more. */
  submit: protectedProcedure
    .use(rateLimit(RATE_LIMITS.submit))
    .input(answersInput)
    .output(z.object({ submitted: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await submitAnswers(ctx.db, { assignmentId: input.assignmentId, raterId: ctx.user.id, answers: input.answers });
      return { submitted: true as const };
    }),

  decline: protectedProcedure
    .use(rateLimit(RATE_LIMITS.submit))
    .input(z.strictObject({ assignmentId: z.uuid(), reason: z.string().trim().max(500).nullable() }))
    .output(z.object({ declined: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await declineRequest(ctx.db, {
        assignmentId: input.assignmentId,
        raterId: ctx.user.id,
        reason: input.reason || null,
      });
      return { declined: true as const };
    }),
});
