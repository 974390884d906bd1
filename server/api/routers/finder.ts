import { z } from "zod";
import { recordAudit } from "../../db/queries/audit";
import { loadEvidence } from "../../db/queries/evidence";
import { loadFinder, loadFinderPeople } from "../../db/queries/finder";
import { FINDER_PAGE_SIZE } from "../../domain/finder";
import { shortlistCsv } from "../../domain/shortlist-export";
import { createTRPCRouter, hrProcedure, rateLimit } from "../trpc";
import { RATE_LIMITS } from "../rate-limits";
import { compositeFigure, publishedReport } from "../../shapes/published-report";
import { AGREEMENTS, QUADRANTS } from "../../../lib/vocabulary";

const cycleId = z.uuid({ error: "Not a cycle id." });

/** Department, level and location; each optional. Unknown values simply match nobody. */
const filters = z
  .strictObject({
    department: z.string().trim().min(1).max(200).optional(),
    level: z.number().int().min(0).max(20).optional(),
    location: z.string().trim().min(1).max(200).optional(),
  })
  .default({});

const finderCycle = z.object({ id: z.uuid(), name: z.string(), publishedAt: z.date(), minGroupSize: z.number().int() });
const agreement = z.enum(AGREEMENTS).nullable();

const finderPerson = z.object({
  id: z.uuid(),
  name: z.string(),
  title: z.string(),
  department: z.string(),
  level: z.number().int().nullable(),
  location: z.string(),
  responses: z.number().int(),
  competence: z.number(),
  competenceLow: z.number().nullable(),
  competenceHigh: z.number().nullable(),
  visibility: z.number(),
  quadrant: z.enum(QUADRANTS),
  managerGap: z.number().nullable(),
  selfAgreement: agreement,
  rank: z.number().int().nullable(),
});

const finderPage = z.object({
  people: z.array(finderPerson),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

const range = z.tuple([z.number(), z.number()]);

const finderChart = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("points"), competence: range, visibility: range, people: z.array(finderPerson) }),
  z.object({
    kind: z.literal("density"),
    competence: range,
    visibility: range,
    bins: z.number().int(),
    cells: z.array(z.object({ competence: z.number().int(), visibility: z.number().int(), people: z.number().int() })),
    leaders: z.array(finderPerson),
  }),
]);

const quadrantCounts = z.object({
  quiet_influencer: z.number().int(),
  visible_leader: z.number().int(),
  visible_not_leading: z.number().int(),
  developing: z.number().int(),
});

const finderView = z.object({
  cycles: z.array(finderCycle),
  cycle: finderCycle.nullable(),
  filters: z.object({
    department: z.string().optional(),
    level: z.number().int().optional(),
    location: z.string().optional(),
  }),
  options: z.object({
    departments: z.array(z.string()),
    levels: z.array(z.number().int()),
    locations: z.array(z.string()),
  }),
  medians: z.object({ competence: z.number(), visibility: z.number() }).nullable(),
  slice: z.discriminatedUnion("shown", [
    z.object({ shown: z.literal(true), people: z.number().int() }),
    z.object({ shown: z.literal(false), people: z.number().int(), reason: z.string() }),
  ]),
  quadrants: quadrantCounts,
  chart: finderChart.nullable(),
  shortlist: finderPage,
  withoutPool: z.number().int(),
});

const evidence = z.object({
  cycle: finderCycle,
  person: finderPerson.pick({ id: true, name: true, title: true, department: true, level: true, location: true }),
  composite: z.object({ others: compositeFigure, self: compositeFigure, manager: compositeFigure }),
  report: publishedReport,
});

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
        list: z.enum(["shortlist", "everyone"], { error: "List is shortlist or everyone." }),
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
      const result = await loadEvidence(ctx.db, input.cycleId, input.subjectId);
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
    .output(z.object({ filename: z.string(), csv: z.string(), rows: z.number().int() }))
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
