import { z } from "zod";
import { recordAudit } from "../../db/queries/audit";
import { loadEvidence } from "../../db/queries/evidence";
import { loadFinder, loadFinderPeople } from "../../db/queries/finder";
import { FINDER_PAGE_SIZE } from "../../domain/finder";
import { shortlistCsv } from "../../domain/shortlist-export";
import { createTRPCRouter, hrProcedure, rateLimit } from "../trpc";
import { RATE_LIMITS } from "../rate-limits";
import { evidence, FINDER_LISTS, finderPage, finderView, shortlistExport } from "../../shapes/finder";

const cycleId = z.uuid({ error: "Not a cycle id." });

/** Department, level and location; each optional. Unknown values simply match nobody. */
const filters = z
  .strictObject({
    department: z.string().trim().min(1).max(200).optional(),
    level: z.number().int().min(0).max(20).optional(),
    location: z.string().trim().min(1).max(200).optional(),
  })
  .default({});

/**
 * The quiet-influencer finder: HR only. Everything here reads published,
 * subject-level figures; nothing says who rated whom. Opening a person's
 * evidence and exporting the shortlist are written to the audit log.
 */
export const finderRouter = createTRPCRouter({
  /** The chart, the quadrants' counts and the shortlist's first page for a cycle (newest by default) and a slice. */
  view: hrProcedure
    .use(rateLimit(RATE_LIMITS.results))
    .input(z.strictObject({ cycleId: cycleId.optional(), filters }))
    .output(finderView)
    .query(({ ctx, input }) => loadFinder(ctx.db, input)),

  /** One page of the slice's shortlist, in rank order, or of everyone in it, by name. Each is a look at a slice, limited as the view is. */
  people: hrProcedure
    .use(rateLimit(RATE_LIMITS.results))
    .input(
      z.strictObject({
        cycleId,
        filters,
        list: z.enum(FINDER_LISTS, { error: "List is shortlist or everyone." }),
        page: z.number().int().min(1).max(100_000).default(1),
        pageSize: z.number().int().min(1).max(200).default(FINDER_PAGE_SIZE),
      }),
    )
    .output(finderPage)
    .query(async ({ ctx, input }) => {
      const { people, total, page, pageSize } = await loadFinderPeople(ctx.db, input);
      return { people, total, page, pageSize };
    }),

  /** One person's evidence for a promotion panel. Audited. */
  evidence: hrProcedure
    .use(rateLimit(RATE_LIMITS.results))
    .input(z.strictObject({ cycleId, subjectId: z.uuid({ error: "Not a person id." }) }))
    .output(evidence)
    .query(async ({ ctx, input }) => {
      const result = await loadEvidence(ctx.db, { cycleId: input.cycleId, subjectId: input.subjectId });
      await recordAudit(ctx.db, {
        actorId: ctx.user.id,
        action: "evidence.view",
        subjectId: input.subjectId,
        cycleId: input.cycleId,
      });
      return result;
    }),

  /** The shortlist of the slice as CSV. A mutation, so it is never prefetched or cached. Audited. */
  exportShortlist: hrProcedure
    .use(rateLimit(RATE_LIMITS.results))
    .input(z.strictObject({ cycleId, filters }))
    .output(shortlistExport)
    .mutation(async ({ ctx, input }) => {
      const { people, summary } = await loadFinderPeople(ctx.db, { ...input, list: "shortlist", pageSize: null });
      const result = shortlistCsv({ cycle: summary.cycle, filters: summary.filters, shortlist: people });
      await recordAudit(ctx.db, {
        actorId: ctx.user.id,
        action: "shortlist.export",
        cycleId: input.cycleId,
        details: { filters: summary.filters, rows: result.rows },
      });
      return result;
    }),
});
