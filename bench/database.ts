/**
 * Publishing and reading at organisation scale, on each engine and size:
 * generate an organisation with a closed cycle (bench/organisation.ts), then
 *
 * - publish it with the app's publishCycle, beside one hand-written SQL
 *   aggregate of the same core figures (n, mean, sd, distribution per
 *   subject × competency × group) into a temporary table — what any publish
 *   must at least do — and watch this process's memory meanwhile;
 * - read it as the pages do — the finder over everyone (its chart and the
 *   first page of its shortlist), the team heatmap of
 *   a manager with about 200 people in their tree, one person's report —
 *   beside a plain select of the rows each reads.
 *
 * Reading times are the median of several runs after a warm-up, in this
 * process, without HTTP: the server time of the query functions.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../server/db/engines";
import { createCaller } from "../server/api/root";
import { loadFinder } from "../server/db/queries/finder";
import { findActiveViewer } from "../server/db/queries/people";
import { publishCycle } from "../server/db/queries/publish";
import { loadMyReport } from "../server/db/queries/report";
import { getTeamHeatmap } from "../server/db/queries/team-report";
import { queryRows } from "../server/db/rows";
import { openScratchDatabase } from "../server/db/scratch";
import { generateOrganisation, type BenchOrganisation } from "./organisation";
import {
  type BenchContext,
  type BenchEngine,
  type BenchPart,
  type BenchTable,
  engineLabel,
  ms,
  ratio,
  timed,
} from "./part";

const READ_RUNS = 7;

export interface ReadFigure {
  what: string;
  /** The tRPC procedure called in-process: access check, query, output validation. */
  procedureMs: number;
  /** The query function alone. */
  ms: number;
  rawMs: number;
}

export interface DatabaseFigures {
  engine: BenchEngine;
  organisation: BenchOrganisation;
  publishMs: number;
  handSqlMs: number;
  publishedFigures: number;
  /** Growth of this process's resident memory during publish (peak − before), in MB. */
  publishRssGrowthMb: number;
  /** Time of each step of the publish, as HR's progress bar names them. */
  publishSteps: { label: string; ms: number }[];
  reads: ReadFigure[];
}

/** Median of `runs` timings after one run to warm caches; the warm-up's result comes back too. */
async function median<T>(work: () => Promise<T>, runs = READ_RUNS): Promise<{ ms: number; result: T }> {
  const result = await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(work)).ms);
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, result };
}

const medianMs = async (work: () => Promise<unknown>) => (await median(work)).ms;

/** Samples resident memory while `work` runs; returns the peak growth in MB. */
async function rssGrowthDuring<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growthMb: (peak - before) / 1024 / 1024 };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * The core figures of a publish in one statement, stored as publish stores
 * its own — a logged table keyed by subject, axis and group — since writing a
 * million durable, indexed rows is part of the floor at 50,000 people.
 */
async function handWrittenAggregate(db: Db, cycleId: string): Promise<void> {
  await db.execute(sql`create table hand_figures (
    subject_id uuid, competency_id uuid, grp text, n int, mean float8, sd float8, distribution bigint[],
    primary key (subject_id, competency_id, grp))`);
  await db.execute(sql`insert into hand_figures
    with scores as (
      select r.subject_id, r.relationship, s.competency_id,
             avg(case when s.reverse_scored then 6 - rr.value else rr.value end)::float8 as score
      from responses r
      join response_ratings rr on rr.response_id = r.id
      join statements s on s.id = rr.statement_id
      where r.cycle_id = ${cycleId} and rr.value is not null
      group by r.id, r.subject_id, r.relationship, s.competency_id
    ), grouped as (
      select subject_id, competency_id,
             case relationship when 'self' then 'self' when 'manager' then 'manager' else 'others' end as grp, score
      from scores
      union all
      select subject_id, competency_id, relationship::text, score from scores where relationship in ('peer', 'direct_report')
    )
    select subject_id, competency_id, grp, count(*) as n, avg(score) as mean, stddev_samp(score) as sd,
           array[count(*) filter (where floor(score + 0.5) = 1), count(*) filter (where floor(score + 0.5) = 2),
                 count(*) filter (where floor(score + 0.5) = 3), count(*) filter (where floor(score + 0.5) = 4),
                 count(*) filter (where floor(score + 0.5) = 5)] as distribution
    from grouped group by subject_id, competency_id, grp`);
  await db.execute(sql`drop table hand_figures`);
}

/** A caller of the app's API as `personId`, in this process: what a request runs, without HTTP. */
async function callerAs(db: Db, personId: string) {
  const viewer = await findActiveViewer(db, personId);
  if (!viewer) throw new Error(`no active person ${personId}`);
  return createCaller({
    db,
    user: { id: viewer.id, name: viewer.name, email: viewer.email, roles: viewer.roles },
    headers: new Headers(),
  });
}

async function reads(db: Db, org: BenchOrganisation): Promise<ReadFigure[]> {
  const { cycleId } = org;
  const [hr] = await queryRows<{ id: string }>(
    db,
    sql`select id from people where is_hr and active order by email limit 1`,
  );
  const asHr = await callerAs(db, hr!.id);
  const asManager = await callerAs(db, org.manager.id);
  const asEmployee = await callerAs(db, org.employeeId);

  // The finder's view: its counts, its chart and the first page of its shortlist.
  const finder = await median(() => loadFinder(db, { cycleId }));
  const finderFigure: ReadFigure = {
    what: `finder (${finder.result.slice.people.toLocaleString("en")} placed; ${finder.result.chart?.kind === "density" ? "density grid" : "a mark each"} and the shortlist's first page)`,
    procedureMs: await medianMs(() => asHr.finder.view({ cycleId, filters: {} })),
    ms: finder.ms,
    rawMs: await medianMs(() =>
      Promise.all([
        queryRows(db, sql`select * from published_finder_cycles where cycle_id = ${cycleId}`),
        queryRows(db, sql`select * from published_finder_groups where cycle_id = ${cycleId}`),
        queryRows(
          db,
          sql`select competence_cell, visibility_cell, count(*) from published_finder_people where cycle_id = ${cycleId} group by 1, 2`,
        ),
        queryRows(
          db,
          sql`select * from published_finder_people where cycle_id = ${cycleId} and shortlist_order is not null order by shortlist_order limit 50`,
        ),
      ]),
    ),
  };

  const heatmap = await median(() => getTeamHeatmap(db, { managerId: org.manager.id, cycleId }));
  const treeIds = JSON.stringify(heatmap.result.people.map((p) => p.id));
  const heatmapFigure: ReadFigure = {
    what: `team heatmap (${heatmap.result.people.length} in the tree)`,
    procedureMs: await medianMs(() => asManager.team.heatmap({ cycleId })),
    ms: heatmap.ms,
    rawMs: await medianMs(() =>
      queryRows(
        db,
        sql`select ps.subject_id, ps.competency_id, ps."group", ps.n, ps.suppressed, ps.shrunk_mean
            from published_scores ps
            where ps.cycle_id = ${cycleId} and ps."group" in ('others', 'self', 'manager')
              and ps.subject_id in (select value::uuid from jsonb_array_elements_text(${treeIds}::jsonb))`,
      ),
    ),
  };

  const report = await median(() => loadMyReport(db, { subjectId: org.employeeId, cycleId }));
  if (!report.result) throw new Error("the benchmark's employee has no report");
  const reportFigure: ReadFigure = {
    what: "my report",
    procedureMs: await medianMs(() => asEmployee.reports.mine({ cycleId })),
    ms: report.ms,
    rawMs: await medianMs(async () => {
      await queryRows(
        db,
        sql`select * from published_scores where cycle_id = ${cycleId} and subject_id = ${org.employeeId}`,
      );
      await queryRows(
        db,
        sql`select * from published_comments where cycle_id = ${cycleId} and subject_id = ${org.employeeId}`,
      );
    }),
  };
  return [finderFigure, heatmapFigure, reportFigure];
}

export async function measureDatabase(engine: BenchEngine, size: number, ctx: BenchContext): Promise<DatabaseFigures> {
  const database = await openScratchDatabase(engine === "postgres" ? ctx.postgresUrl! : undefined, "uc_bench");
  try {
    ctx.say(`${engineLabel(engine)}, ${size.toLocaleString("en")} people: generating…`);
    const organisation = await generateOrganisation(database.db, size, ctx.say);
    ctx.say(
      `  ${organisation.responses.toLocaleString("en")} responses, ${organisation.ratings.toLocaleString("en")} ratings in ${organisation.seconds.toFixed(1)} s; publishing…`,
    );
    // Generating wrote gigabytes; flush them now, not during what is timed next.
    await database.db
      .execute(sql`checkpoint`)
      .catch(() => ctx.say("  (no checkpoint: the role may not run one; figures may carry a flush)"));
    const handSqlMs = (await timed(() => handWrittenAggregate(database.db, organisation.cycleId))).ms;
    const marks: { label: string; at: number }[] = [];
    const publish = await rssGrowthDuring(() =>
      timed(() =>
        publishCycle(database.db, {
          cycleId: organisation.cycleId,
          onProgress: (p) => marks.push({ label: p.label, at: performance.now() }),
        }),
      ),
    );
    const publishEnded = performance.now();
    const publishSteps = marks.map((m, i) => ({ label: m.label, ms: (marks[i + 1]?.at ?? publishEnded) - m.at }));
    await database.db.execute(sql`analyze`);
    ctx.say(`  published in ${ms(publish.result.ms)} (hand-written aggregate ${ms(handSqlMs)}); reading…`);
    return {
      engine,
      organisation,
      publishMs: publish.result.ms,
      handSqlMs,
      publishedFigures: publish.result.result.figures + publish.result.result.hidden,
      publishRssGrowthMb: publish.growthMb,
      publishSteps,
      reads: await reads(database.db, organisation),
    };
  } finally {
    await database.destroy();
  }
}

export function databaseTables(figures: DatabaseFigures[]): BenchTable[] {
  const where = (f: DatabaseFigures) => `${engineLabel(f.engine)}, ${f.organisation.people.toLocaleString("en")}`;
  return [
    {
      title: "Publish: time of each step",
      columns: ["engine, people", ...(figures[0]?.publishSteps.map((s) => s.label) ?? [])],
      rows: figures.map((f) => [where(f), ...f.publishSteps.map((s) => ms(s.ms))]),
    },
    {
      title: "Publish: the app's publish beside one hand-written aggregate",
      columns: ["engine, people", "responses", "ratings", "publish", "hand-written SQL", "ratio", "Node RSS growth"],
      rows: figures.map((f) => [
        where(f),
        f.organisation.responses.toLocaleString("en"),
        f.organisation.ratings.toLocaleString("en"),
        ms(f.publishMs),
        ms(f.handSqlMs),
        ratio(f.publishMs, f.handSqlMs),
        `${f.publishRssGrowthMb.toFixed(0)} MB`,
      ]),
      notes: [
        "The hand-written aggregate computes n, mean, sd and the distribution per subject × competency × group and stores them in a keyed table; publish also computes the composite, the variance components and shrunk means, applies the anonymity rules, stores every figure with its indexes and copies comments, in one transaction.",
        "Goal: publish ≤ 1.5× the hand-written SQL; Node's memory flat as the organisation grows (PGlite's database lives inside the Node process, so its growth is the database's).",
      ],
    },
    {
      title: "Publish: the anonymity auditor's share",
      columns: ["engine, people", "publish", "of which the auditor", "publish without it", "ratio"],
      rows: figures.map((f) => {
        const audit = f.publishSteps.find((s) => s.label === "Checking the anonymity rules")?.ms ?? 0;
        return [where(f), ms(f.publishMs), ms(audit), ms(f.publishMs - audit), ratio(f.publishMs, f.publishMs - audit)];
      }),
      notes: [
        "The auditor reads back the stored figures and the responses declared behind each, inside the publish transaction (server/db/queries/disclosure-audit.ts); its step is timed within the same publish.",
        "Goal: publish with the auditor ≤ 1.15× publish without it.",
      ],
    },
    {
      title: "Reading: server time of each page's data beside a plain select of its rows (median of 7)",
      columns: ["engine, people", "what", "procedure", "query function", "plain select", "procedure ÷ plain"],
      rows: figures.flatMap((f) =>
        f.reads.map((r) => [where(f), r.what, ms(r.procedureMs), ms(r.ms), ms(r.rawMs), ratio(r.procedureMs, r.rawMs)]),
      ),
      notes: [
        "procedure: the tRPC procedure called in this process as HR, the manager or the employee (access check, query, output validation), without HTTP; query function: the query module alone.",
        "Goal: the finder ≤ 50 ms and ≤ 2× the plain select at 50,000 people.",
      ],
    },
  ];
}

/** How each figure grows with the organisation, against the smallest size measured on the same engine. */
export function growthTable(figures: DatabaseFigures[]): BenchTable {
  const rows: string[][] = [];
  for (const engine of [...new Set(figures.map((f) => f.engine))]) {
    const mine = figures
      .filter((f) => f.engine === engine)
      .sort((a, b) => a.organisation.people - b.organisation.people);
    const first = mine[0]!;
    for (const f of mine) {
      const scale = f.organisation.people / first.organisation.people;
      const grew = (value: number, base: number) => `${ms(value)} (${(value / base).toFixed(1)}×)`;
      rows.push([
        `${engineLabel(engine)}, ${f.organisation.people.toLocaleString("en")}`,
        `${scale.toFixed(0)}×`,
        grew(f.publishMs, first.publishMs),
        grew(f.reads[0]!.procedureMs, first.reads[0]!.procedureMs),
        grew(f.reads[1]!.procedureMs, first.reads[1]!.procedureMs),
        grew(f.reads[2]!.procedureMs, first.reads[2]!.procedureMs),
        `${f.publishRssGrowthMb.toFixed(0)} MB`,
      ]);
    }
  }
  return {
    title: "Growth: each figure against the smallest organisation on the same engine",
    columns: [
      "engine, people",
      "people",
      "publish",
      "finder",
      "team heatmap",
      "my report",
      "Node RSS growth in publish",
    ],
    rows,
    notes: [
      "Linear growth keeps the two ratios equal; the heatmap (about 200 people) and one report should not grow with the organisation at all.",
    ],
  };
}

export const databasePart: BenchPart = {
  name: "database",
  async run(ctx) {
    const figures: DatabaseFigures[] = [];
    for (const engine of ctx.engines)
      for (const size of ctx.sizes) figures.push(await measureDatabase(engine, size, ctx));
    return [...databaseTables(figures), ...(ctx.sizes.length > 1 ? [growthTable(figures)] : [])];
  },
};
