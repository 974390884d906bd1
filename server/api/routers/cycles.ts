import { z } from "zod";
import {
  advanceCycle,
  createCycle,
  getCycleDetail,
  listActiveDepartments,
  updateDraftCycle,
} from "../../db/queries/cycle-admin";
import { listCycleSummaries } from "../../db/queries/cycles";
import { isoDay } from "../../domain/reminders";
import { publishStatusOf, requestPublish } from "../../db/queries/publish-jobs";
import { kickPublishWorker } from "../../publish/worker";
import { createTRPCRouter, hrProcedure } from "../trpc";
import {
  ADVANCE_TARGETS,
  advanceResult,
  cycleDetail,
  cycleSummary,
  departmentChoice,
  publishRequest,
  publishStatus,
  savedCycle,
} from "../../shapes/cycles";

// ---------------------------------------------------------------- settings

const REAL_DATE = "Use a real date, written YYYY-MM-DD.";
// The ISO format allows year 0000, which no calendar has and PostgreSQL refuses.
const day = z.iso.date({ error: REAL_DATE }).refine((value) => !value.startsWith("0000-"), REAL_DATE);

/** The settings of a cycle, as a form sends them. Messages are written for
 *  the person filling the form: they appear beside the field. */
const settingsFields = {
  name: z
    .string({ error: "Give the cycle a name." })
    .trim()
    .min(1, "Give the cycle a name.")
    .max(120, "Keep the name to 120 characters or fewer."),
  opensOn: day,
  closesOn: day,
  minGroupSize: z
    .number({ error: "Enter a whole number." })
    .int("Enter a whole number.")
    .min(3, "The minimum group size is at least 3: fewer anonymous raters could be singled out.")
    .max(50, "The minimum group size can be at most 50."),
  departments: z
    .array(z.string().trim().min(1).max(200), { error: "Pick departments, or the whole organisation." })
    .min(1, "Pick at least one department, or the whole organisation.")
    .max(50, "Pick at most 50 departments.")
    .nullable(),
  minPeers: z
    .number({ error: "Enter a whole number." })
    .int("Enter a whole number.")
    .min(0, "The fewest peers cannot be negative.")
    .max(20, "The fewest peers can be at most 20."),
  maxPeers: z
    .number({ error: "Enter a whole number." })
    .int("Enter a whole number.")
    .min(0, "The most peers cannot be negative.")
    .max(30, "The most peers can be at most 30."),
};

const createInput = z
  .strictObject({
    ...settingsFields,
    minGroupSize: settingsFields.minGroupSize.default(3),
    departments: settingsFields.departments.default(null),
    minPeers: settingsFields.minPeers.default(3),
    maxPeers: settingsFields.maxPeers.default(8),
  })
  .superRefine((value, ctx) => {
    if (value.closesOn < value.opensOn) {
      ctx.addIssue({ code: "custom", path: ["closesOn"], message: "The cycle cannot close before it opens." });
    }
    if (value.maxPeers < value.minPeers) {
      ctx.addIssue({ code: "custom", path: ["maxPeers"], message: "The most peers cannot be fewer than the fewest." });
    }
  });

const cycleId = z.uuid({ error: "Not a cycle id." });

/** Only the fields sent change; the rules between fields are checked against
 *  the merged settings, in the query. */
const updateInput = z.strictObject({
  cycleId,
  name: settingsFields.name.optional(),
  opensOn: day.optional(),
  closesOn: day.optional(),
  minGroupSize: settingsFields.minGroupSize.optional(),
  departments: settingsFields.departments.optional(),
  minPeers: settingsFields.minPeers.optional(),
  maxPeers: settingsFields.maxPeers.optional(),
});

export const cyclesRouter = createTRPCRouter({
  /** Every cycle with response counts, for HR. */
  overview: hrProcedure
    .output(z.array(cycleSummary))
    .query(({ ctx }) => listCycleSummaries(ctx.db, { today: isoDay(new Date()) })),

  /** Departments with active people: what a cycle can be limited to. */
  departments: hrProcedure.output(z.array(departmentChoice)).query(({ ctx }) => listActiveDepartments(ctx.db)),

  /** Settings, state, counts (never who), and whose anonymous groups cannot reach k. */
  detail: hrProcedure
    .input(z.strictObject({ cycleId }))
    .output(cycleDetail)
    .query(({ ctx, input }) => getCycleDetail(ctx.db, { cycleId: input.cycleId, today: isoDay(new Date()) })),

  /** A new draft cycle on the newest competency model. */
  create: hrProcedure
    .input(createInput)
    .output(savedCycle)
    .mutation(({ ctx, input }) => createCycle(ctx.db, { actorId: ctx.user.id, settings: input })),

  /** Changes a draft cycle's settings; after draft they are fixed (k above all). */
  update: hrProcedure
    .input(updateInput)
    .output(savedCycle)
    .mutation(({ ctx, input: { cycleId, ...changes } }) =>
      updateDraftCycle(ctx.db, { actorId: ctx.user.id, cycleId, changes }),
    ),

  /** Moves a cycle one step on: draft → nominating → collecting → closed.
   *  Starting collection generates every feedback request. Publishing, the
   *  last step, is `publish`. */
  advance: hrProcedure
    .input(z.strictObject({ cycleId, to: z.enum(ADVANCE_TARGETS) }))
    .output(advanceResult)
    .mutation(({ ctx, input }) =>
      advanceCycle(ctx.db, { actorId: ctx.user.id, cycleId: input.cycleId, to: input.to }).then((result) => ({
        ...result,
        status: input.to,
      })),
    ),

  /** Publishes a closed cycle: queues the job that computes every figure
   *  of the reports in one transaction, on whichever server claims it
   *  (this one, at once, when it can). A second call, from anyone on any
   *  server, gets the job already queued or running. Where it stands is
   *  `publishStatus`. */
  publish: hrProcedure
    .input(z.strictObject({ cycleId }))
    .output(publishRequest)
    .mutation(async ({ ctx, input }) => {
      const { job, attached } = await requestPublish(ctx.db, { actorId: ctx.user.id, cycleId: input.cycleId });
      kickPublishWorker();
      return { job: { ...job, stalled: false }, attached };
    }),

  /** The newest publish of a cycle: step n of m while it runs, then done or
   *  failed with the reason; null when it was never asked for. */
  publishStatus: hrProcedure
    .input(z.strictObject({ cycleId }))
    .output(publishStatus.nullable())
    .query(({ ctx, input }) => publishStatusOf(ctx.db, { cycleId: input.cycleId })),
});
