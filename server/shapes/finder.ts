/**
 * What the quiet-influencer finder returns, declared once as zod: the queries
 * (server/db/queries/finder.ts, evidence.ts) return `z.infer` of these, the
 * router uses them as its outputs, the finder's rules (server/domain/finder.ts)
 * take the same types, and pages get them through the router.
 */
import { z } from "zod";
import { AGREEMENTS, QUADRANTS } from "../../lib/vocabulary";
import { compositeFigure, publishedReport } from "./published-report";

export const finderCycle = z.object({
  id: z.uuid(),
  name: z.string(),
  publishedAt: z.date(),
  minGroupSize: z.number().int(),
});
export type FinderCycle = z.infer<typeof finderCycle>;

/** A plotted person: where they stand, and what the finder's pages and export show beside it. */
export const finderPerson = z.object({
  id: z.uuid(),
  name: z.string(),
  title: z.string(),
  department: z.string(),
  level: z.number().int().nullable(),
  location: z.string(),
  /** Anonymous responses behind the composite. */
  responses: z.number().int(),
  /** Shrunk composite from anonymous raters. */
  competence: z.number(),
  /** 90 % range of the shrunk composite (scoring.ts, shrunkInterval): it widens
   *  when few raters answered, whatever they said; null only when the cycle
   *  had too few subjects to estimate the organisation's spread. */
  competenceLow: z.number().nullable(),
  competenceHigh: z.number().nullable(),
  /** Shrunk visibility from anonymous raters. */
  visibility: z.number(),
  quadrant: z.enum(QUADRANTS),
  /** Manager's composite minus the others' (null without a manager review). */
  managerGap: z.number().nullable(),
  /** The self composite against the others' interval. */
  selfAgreement: z.enum(AGREEMENTS).nullable(),
  /** Place on the slice's shortlist (1 = strongest evidence); null outside it. */
  rank: z.number().int().nullable(),
});
export type FinderPerson = z.infer<typeof finderPerson>;

/** The finder's lists of people: the slice's shortlist in rank order, or everyone in it by name. */
export const FINDER_LISTS = ["shortlist", "everyone"] as const;
export type FinderList = (typeof FINDER_LISTS)[number];

export const finderPage = z.object({
  people: z.array(finderPerson),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type FinderPage = z.infer<typeof finderPage>;

const range = z.tuple([z.number(), z.number()]);

/** The part of the scale each axis shows: the cycle's, so that it stays put when a filter narrows the view. */
export const finderFrame = z.object({ competence: range, visibility: range });
export type FinderFrame = z.infer<typeof finderFrame>;

/** The chart: a mark per person for a slice up to POINTS_LIMIT people, a density grid beyond. */
export const finderChart = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("points"), ...finderFrame.shape, people: z.array(finderPerson) }),
  z.object({
    kind: z.literal("density"),
    ...finderFrame.shape,
    bins: z.number().int(),
    /** Occupied cells only; `competence` and `visibility` are cell indexes from 0 (low) to bins − 1. */
    cells: z.array(z.object({ competence: z.number().int(), visibility: z.number().int(), people: z.number().int() })),
    /** The head of the shortlist, drawn as marks over the grid. */
    leaders: z.array(finderPerson),
  }),
]);
export type FinderChart = z.infer<typeof finderChart>;

/** A slice of the organisation: department, level and location, only those given. */
export const sliceFilters = z.object({
  department: z.string().optional(),
  level: z.number().int().optional(),
  location: z.string().optional(),
});
export type SliceFilters = z.infer<typeof sliceFilters>;

/** Whether a slice may be shown under the anonymity rules, and when not, why. */
export const sliceDecision = z.discriminatedUnion("shown", [
  z.object({ shown: z.literal(true), people: z.number().int() }),
  z.object({ shown: z.literal(false), people: z.number().int(), reason: z.string() }),
]);
export type SliceDecision = z.infer<typeof sliceDecision>;

export const finderMedians = z.object({ competence: z.number(), visibility: z.number() });
export type Medians = z.infer<typeof finderMedians>;

/** Everything about a view but its people. */
export const finderSummary = z.object({
  cycles: z.array(finderCycle),
  cycle: finderCycle.nullable(),
  filters: sliceFilters,
  options: z.object({
    departments: z.array(z.string()),
    levels: z.array(z.number().int()),
    locations: z.array(z.string()),
  }),
  /** Of every plotted subject of the cycle: the quadrant lines stay put when a filter narrows the view. */
  medians: finderMedians.nullable(),
  slice: sliceDecision,
  /** People of the slice in each quadrant; zeros when the slice is hidden. */
  quadrants: z.record(z.enum(QUADRANTS), z.number().int()),
  /** Subjects of the cycle left out because their anonymous figures are hidden (fewer than k raters). */
  withoutPool: z.number().int(),
});
export type FinderSummary = z.infer<typeof finderSummary>;

export const finderView = finderSummary.extend({
  /** Null when the slice is hidden or holds nobody. */
  chart: finderChart.nullable(),
  /** The first page of the slice's shortlist, so that the page paints it with the chart; empty when hidden. */
  shortlist: finderPage,
});
export type FinderView = z.infer<typeof finderView>;

/** Everything a promotion panel reads about one person in one published cycle. */
export const evidence = z.object({
  cycle: finderCycle,
  person: finderPerson.pick({ id: true, name: true, title: true, department: true, level: true, location: true }),
  composite: z.object({ others: compositeFigure, self: compositeFigure, manager: compositeFigure }),
  /** The person's published report of that cycle: competencies with intervals, agreement, comments. */
  report: publishedReport,
});
export type Evidence = z.infer<typeof evidence>;

/** The shortlist as a spreadsheet: its file name, its text and how many people it lists. */
export const shortlistExport = z.object({ filename: z.string(), csv: z.string(), rows: z.number().int() });
export type ShortlistExport = z.infer<typeof shortlistExport>;
