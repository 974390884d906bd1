import { z } from "zod";
import {
  addNominationAsManager,
  approveAllProposed,
  decideNomination,
  getTeamNominations,
  listMyNominations,
  listTeamNominationCycles,
  proposeNomination,
  searchPeopleForNomination,
  withdrawNomination,
} from "../../db/queries/nominations";
import { createTRPCRouter, managerProcedure, protectedProcedure } from "../trpc";
import {
  myNominations,
  nomination,
  searchResult,
  teamNominationCycle,
  teamNominations,
} from "../../shapes/nominations";

export const nominationsRouter = createTRPCRouter({
  /** The signed-in person's nominating cycles: their peers so far, limits and suggestions. */
  mine: protectedProcedure.output(z.array(myNominations)).query(({ ctx }) => listMyNominations(ctx.db, ctx.user.id)),

  /** Active people matching a name, title or department, each marked with whether they can be a peer of
   *  the subject: the caller, or with `subjectId` one of the caller's direct reports. */
  searchPeople: protectedProcedure
    .input(
      z.strictObject({
        cycleId: z.uuid(),
        query: z.string().trim().min(2, "Type at least 2 letters.").max(80),
        subjectId: z.uuid().optional(),
      }),
    )
    .output(z.array(searchResult))
    .query(({ ctx, input }) =>
      searchPeopleForNomination(ctx.db, {
        actorId: ctx.user.id,
        cycleId: input.cycleId,
        subjectId: input.subjectId,
        query: input.query,
      }),
    ),

  /** The caller proposes a peer for themselves. Proposing the same person twice returns the first nomination. */
  propose: protectedProcedure
    .input(z.strictObject({ cycleId: z.uuid(), nomineeId: z.uuid() }))
    .output(nomination)
    .mutation(({ ctx, input }) =>
      proposeNomination(ctx.db, { subjectId: ctx.user.id, cycleId: input.cycleId, nomineeId: input.nomineeId }),
    ),

  /** The caller withdraws one of their own proposals (proposed or approved; not one their manager added). */
  withdraw: protectedProcedure
    .input(z.strictObject({ nominationId: z.uuid() }))
    .output(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) =>
      withdrawNomination(ctx.db, { subjectId: ctx.user.id, nominationId: input.nominationId }),
    ),

  /** Nominating cycles with direct reports of the caller, and how many proposals wait for them. */
  teamCycles: managerProcedure
    .output(z.array(teamNominationCycle))
    .query(({ ctx }) => listTeamNominationCycles(ctx.db, ctx.user.id)),

  /** The caller's direct reports in one cycle, with their nominations. */
  forTeam: managerProcedure
    .input(z.strictObject({ cycleId: z.uuid() }))
    .output(teamNominations)
    .query(({ ctx, input }) => getTeamNominations(ctx.db, { managerId: ctx.user.id, cycleId: input.cycleId })),

  /** Approve or reject a direct report's nomination. Rejecting a peer the manager added removes it. */
  decide: managerProcedure
    .input(z.strictObject({ nominationId: z.uuid(), decision: z.enum(["approve", "reject"]) }))
    .output(z.object({ id: z.uuid(), status: z.enum(["proposed", "approved", "rejected", "removed"]) }))
    .mutation(({ ctx, input }) =>
      decideNomination(ctx.db, {
        managerId: ctx.user.id,
        nominationId: input.nominationId,
        decision: input.decision,
      }),
    ),

  /** Approve every proposal one direct report is waiting on. */
  approveAll: managerProcedure
    .input(z.strictObject({ cycleId: z.uuid(), subjectId: z.uuid() }))
    .output(z.object({ approved: z.number().int() }))
    .mutation(({ ctx, input }) =>
      approveAllProposed(ctx.db, { managerId: ctx.user.id, cycleId: input.cycleId, subjectId: input.subjectId }),
    ),

  /** Add a peer for a direct report: approved at once, marked as added by the manager. */
  add: managerProcedure
    .input(z.strictObject({ cycleId: z.uuid(), subjectId: z.uuid(), nomineeId: z.uuid() }))
    .output(nomination)
    .mutation(({ ctx, input }) =>
      addNominationAsManager(ctx.db, {
        managerId: ctx.user.id,
        cycleId: input.cycleId,
        subjectId: input.subjectId,
        nomineeId: input.nomineeId,
      }),
    ),
});
