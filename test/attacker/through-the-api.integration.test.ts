/**
 * The attacker through the API. Random organisations (departments of 1–4
 * people under one director) run two cycles each, with random "not
 * observed" patterns, partial responses and groups of 0–6 of each kind.
 * After publishing, everything three roles can read is gathered through
 * the tRPC procedures their pages use: HR (the finder's evidence and list,
 * the organisation view), the director who manages everyone (team profiles
 * and the heat map) and each subject (their own report, with its trend).
 *
 * The attacker knows the rule (it is in the README) and, at worst, which
 * rater skipped what, so it knows which responses each figure may stand on.
 * For every figure read it works out which of the rule's possible sets the
 * figure is over, confirmed by the figure's value against the planted
 * answers — a figure over any other set fails the test — and then solves
 * the linear system of all of a person's figures for any 1 … k−1
 * responses. At organisation level the unknowns are people's published
 * figures and the system is the departments' and the organisation's means.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import type { ContextUser } from "@/server/api/trpc";
import { publishCycle } from "@/server/db/queries/publish";
import { queryRows } from "@/server/db/rows";
import { assignments, cycles, people, responseComments, responseRatings, responses } from "@/server/db/schema";
import { insertInBatches } from "@/server/db/seed/batches";
import { insertDefaultCompetencyModel } from "@/server/db/seed/competency-model";
import { type AnonymousGroup, COMPOSITE_AXIS, countedSets } from "@/server/domain/disclosure";
import { createRng, type Rng } from "@/server/domain/random";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { sql } from "drizzle-orm";
import { isolatableResponses, type LinearFigure } from "./linear-system";
import type { Relationship } from "../../lib/vocabulary";

type Kind = Relationship;

interface Model {
  modelId: string;
  competencyIds: string[];
  visibilityId: string;
  idOfKey: Map<string, string>;
  statements: { id: string; axisId: string; reverse: boolean }[];
  openQuestionId: string;
}

interface PlantedResponse {
  id: string;
  subjectId: string;
  cycleId: string;
  kind: Kind;
  /** The response's score on each axis it observed (and the composite, when it counts for it). */
  score: Map<string, number>;
  comment: string | null;
}

/** A figure as some role read it: a mean over n responses, or only its shrunk value. */
interface ReadFigure {
  source: string;
  subjectId: string;
  cycleId: string;
  group: AnonymousGroup;
  axis: string;
  n: number;
  mean: number | null;
  shrunk: number | null;
  distribution: number[] | null;
}

interface Trial {
  k: number;
  hr: ContextUser;
  director: ContextUser;
  subjects: { user: ContextUser; department: string }[];
  cycleIds: string[];
  planted: PlantedResponse[];
}

const ANONYMOUS: readonly Kind[] = ["peer", "direct_report"];
const CLOSE = 1e-9;

let database: TestDatabase;
let model: Model;

beforeAll(async () => {
  database = await createTestDatabase();
  const seeded = await insertDefaultCompetencyModel(database.db);
  const axes = await queryRows<{ id: string; key: string; kind: string }>(
    database.db,
    sql`select id, key, kind::text as kind from competencies where model_id = ${seeded.modelId} order by position`,
  );
  const statementRows = await queryRows<{ id: string; competency_id: string; reverse_scored: boolean }>(
    database.db,
    sql`select s.id, s.competency_id, s.reverse_scored from statements s
        join competencies c on c.id = s.competency_id where c.model_id = ${seeded.modelId} order by c.position, s.position`,
  );
  model = {
    modelId: seeded.modelId,
    competencyIds: axes.filter((a) => a.kind === "competency").map((a) => a.id),
    visibilityId: axes.find((a) => a.kind === "visibility")!.id,
    idOfKey: new Map(axes.map((a) => [a.key, a.id])),
    statements: statementRows.map((s) => ({ id: s.id, axisId: s.competency_id, reverse: s.reverse_scored })),
    openQuestionId: seeded.openQuestionIdByAxis.get(null)!,
  };
});
afterAll(async () => {
  await database?.destroy();
});

function asUser(row: { id: string; name: string; email: string }, roles: ContextUser["roles"]): ContextUser {
  return { id: row.id, name: row.name, email: row.email, roles };
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** One response's answers: which axes it skips, and 1–5 on the rest (some statements skipped too). */
function drawAnswers(
  rng: Rng,
  partialRate: number,
  visibilitySkipRate: number,
  kind: Kind,
): Map<string, number | null> {
  const skipped = new Set<string>();
  if (ANONYMOUS.includes(kind) && rng.chance(partialRate)) {
    for (const id of rng.shuffle(model.competencyIds).slice(0, rng.int(1, 2))) skipped.add(id);
  }
  if (rng.chance(visibilitySkipRate)) skipped.add(model.visibilityId);
  const answers = new Map<string, number | null>();
  for (const axisId of [...model.competencyIds, model.visibilityId]) {
    const ofAxis = model.statements.filter((s) => s.axisId === axisId);
    const kept = rng.int(0, ofAxis.length - 1); // at least one statement answered on an observed axis
    ofAxis.forEach((s, i) =>
      answers.set(s.id, skipped.has(axisId) || (i !== kept && rng.chance(0.15)) ? null : rng.int(1, 5)),
    );
  }
  return answers;
}

/** What publishing computes per response, worked out here from the answers alone. */
function scoresOf(answers: Map<string, number | null>, kind: Kind): Map<string, number> {
  const score = new Map<string, number>();
  for (const axisId of [...model.competencyIds, model.visibilityId]) {
    const values = model.statements
      .filter((s) => s.axisId === axisId && answers.get(s.id) != null)
      .map((s) => (s.reverse ? 6 - answers.get(s.id)! : answers.get(s.id)!));
    if (values.length > 0) score.set(axisId, mean(values));
  }
  const competencyScores = model.competencyIds.filter((c) => score.has(c)).map((c) => score.get(c)!);
  const complete = competencyScores.length === model.competencyIds.length;
  if (complete || (!ANONYMOUS.includes(kind) && competencyScores.length > 0))
    score.set(COMPOSITE_AXIS, mean(competencyScores));
  return score;
}

type Counts = Record<Kind, number>;

/** A random organisation and two published cycles over it. `plant` adds fixed responses for one subject. */
async function runTrial(
  seed: number,
  plant?: { subjectIndex: number; cycleIndex: number; responses: { kind: Kind; skip: string[] }[] },
): Promise<Trial> {
  const db = database.db;
  const rng = createRng(`api-attacker-${seed}`);
  const tag = `t${seed}-${randomUUID().slice(0, 6)}`;
  const k = rng.pick([3, 3, 4]);
  const departmentSizes: number[] = [];
  for (let total = 0, target = rng.int(9, 16); total < target;) {
    const size = Math.min(rng.pick([1, 2, 3, 4, 4, 4]), target - total);
    departmentSizes.push(size);
    total += size;
  }
  const person = (i: number, extra: Partial<typeof people.$inferInsert> = {}) => ({
    id: randomUUID(),
    email: `${tag}-${i}@attack.example`,
    name: `Person ${tag}-${i}`,
    ...extra,
  });
  const hrRow = person(0, { isHr: true, department: `People ${tag}` });
  const directorRow = person(1, { department: `Leadership ${tag}` });
  const subjectRows = departmentSizes.flatMap((size, d) =>
    Array.from({ length: size }, (_, i) =>
      person(10 + d * 10 + i, { department: `Dept ${tag} ${d}`, managerId: directorRow.id }),
    ),
  );
  const raterRows = Array.from({ length: 14 }, (_, i) => person(200 + i, { department: `Raters ${tag}` }));
  await db.insert(people).values([hrRow, directorRow]);
  await db.insert(people).values([...subjectRows, ...raterRows]);

  const planted: PlantedResponse[] = [];
  const cycleIds: string[] = [];
  for (let c = 0; c < 2; c++) {
    const [cycle] = await db
      .insert(cycles)
      .values({
        name: `Attack ${tag} ${c}`,
        status: "closed",
        modelId: model.modelId,
        opensOn: "2026-01-01",
        closesOn: "2026-01-31",
        minGroupSize: k,
      })
      .returning({ id: cycles.id });
    const cycleId = cycle!.id;
    cycleIds.push(cycleId);
    const partialRate = rng.pick([0, 0.15, 0.4, 0.7]);
    const visibilitySkipRate = rng.pick([0, 0.1, 0.3]);
    const assignmentRows: (typeof assignments.$inferInsert)[] = [];
    const responseRows: (typeof responses.$inferInsert)[] = [];
    const ratingRows: (typeof responseRatings.$inferInsert)[] = [];
    const commentRows: (typeof responseComments.$inferInsert)[] = [];
    const inCycle = subjectRows.filter(() => rng.chance(0.85));
    for (const [index, subject] of subjectRows.entries()) {
      const planting = plant && plant.subjectIndex === index && plant.cycleIndex === c ? plant.responses : null;
      if (!planting && !inCycle.includes(subject)) continue;
      const counts: Counts = planting
        ? { self: 0, manager: 0, peer: 0, direct_report: 0 }
        : {
            self: rng.chance(0.8) ? 1 : 0,
            manager: rng.chance(0.7) ? 1 : 0,
            peer: rng.pick([0, 1, 2, 3, 4, 5, 6, 6, 6]),
            direct_report: rng.pick([0, 0, 1, 2, 3, 4, 5, 6]),
          };
      const drawn: { kind: Kind; answers: Map<string, number | null> }[] = [];
      for (const kind of ["self", "manager", "peer", "direct_report"] as const) {
        for (let i = 0; i < counts[kind]; i++)
          drawn.push({ kind, answers: drawAnswers(rng, partialRate, visibilitySkipRate, kind) });
      }
      for (const fixed of planting ?? []) {
        const answers = new Map(
          model.statements.map((s) => [s.id, fixed.skip.includes(s.axisId) ? null : rng.int(1, 5)] as const),
        );
        drawn.push({ kind: fixed.kind, answers });
      }
      let rater = 0;
      let hasSelf = false;
      for (const { kind, answers } of drawn) {
        const raterId = kind === "self" ? subject.id : kind === "manager" ? directorRow.id : raterRows[rater++]!.id;
        hasSelf ||= kind === "self";
        assignmentRows.push({ cycleId, subjectId: subject.id, raterId, relationship: kind, status: "submitted" });
        const id = randomUUID();
        responseRows.push({ id, cycleId, subjectId: subject.id, relationship: kind });
        for (const [statementId, value] of answers) ratingRows.push({ responseId: id, statementId, value });
        const comment = rng.chance(0.5) ? `Comment ${id}` : null;
        if (comment) commentRows.push({ responseId: id, questionId: model.openQuestionId, body: comment });
        planted.push({ id, subjectId: subject.id, cycleId, kind, score: scoresOf(answers, kind), comment });
      }
      // Every subject of the cycle was asked to review themselves; some raters declined.
      if (!hasSelf)
        assignmentRows.push({
          cycleId,
          subjectId: subject.id,
          raterId: subject.id,
          relationship: "self",
          status: "pending",
        });
      if (rater < raterRows.length && rng.chance(0.4)) {
        assignmentRows.push({
          cycleId,
          subjectId: subject.id,
          raterId: raterRows[rater]!.id,
          relationship: "peer",
          status: "declined",
        });
      }
    }
    await insertInBatches(db, assignments, assignmentRows);
    await insertInBatches(db, responses, responseRows);
    await insertInBatches(db, responseRatings, ratingRows);
    if (commentRows.length > 0) await insertInBatches(db, responseComments, commentRows);
    await publishCycle(db, { cycleId });
  }
  return {
    k,
    hr: asUser(hrRow, { manager: false, hr: true, admin: false }),
    director: asUser(directorRow, { manager: true, hr: false, admin: false }),
    subjects: subjectRows.map((s) => ({
      user: asUser(s, { manager: false, hr: false, admin: false }),
      department: s.department!,
    })),
    cycleIds,
    planted,
  };
}

// ---------------------------------------------------------------- reading, as each role

const callerOf = (user: ContextUser) => createCaller({ db: database.db, user, headers: new Headers() });

/** NOT_FOUND ("nothing published for that person there") and BAD_REQUEST
 *  ("a slice of fewer than k people is not shown"): nothing to read. */
async function orNothing<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "NOT_FOUND" || code === "BAD_REQUEST") return null;
    throw error;
  }
}

type Report = NonNullable<Awaited<ReturnType<ReturnType<typeof callerOf>["reports"]["mine"]>>>;

function axisIdOfKey(key: string): string {
  const id = key === COMPOSITE_AXIS ? COMPOSITE_AXIS : model.idOfKey.get(key);
  if (!id) throw new Error(`a figure on an axis the model does not have: ${key}`);
  return id;
}

function figuresOfReport(
  source: string,
  subjectId: string,
  report: Report,
): { figures: ReadFigure[]; comments: string[] } {
  const figures: ReadFigure[] = [];
  for (const axis of [...report.competencies, ...(report.visibility ? [report.visibility] : [])]) {
    for (const group of ["others", "peer", "direct_report"] as const) {
      const figure = axis.groups[group];
      if (!figure || figure.suppressed) continue;
      figures.push({
        source,
        subjectId,
        cycleId: report.cycle.id,
        group,
        axis: axisIdOfKey(axis.key),
        n: figure.n,
        mean: figure.mean,
        shrunk: figure.shrunkMean,
        distribution: figure.distribution,
      });
    }
  }
  for (const row of report.trend.rows) {
    for (const point of row.points) {
      if (!point.figure || point.figure.suppressed) continue;
      figures.push({
        source: `${source} trend`,
        subjectId,
        cycleId: point.cycleId,
        group: "others",
        axis: axisIdOfKey(row.key),
        n: point.figure.n,
        mean: point.figure.mean,
        shrunk: null,
        distribution: null,
      });
    }
  }
  const comments = report.comments.filter((c) => c.group === "others").flatMap((c) => c.bodies);
  return { figures, comments };
}

interface Gathered {
  figures: ReadFigure[];
  /** Bodies of anonymous comments, by subject and cycle. */
  comments: Map<string, string[]>;
  organisation: Awaited<ReturnType<ReturnType<typeof callerOf>["organisation"]["overview"]>>[];
  /** HR's cycle pages: requests by department, by cycle. */
  cyclePages: Awaited<ReturnType<ReturnType<typeof callerOf>["cycles"]["detail"]>>[];
}

async function gather(trial: Trial): Promise<Gathered> {
  const hr = callerOf(trial.hr);
  const director = callerOf(trial.director);
  const figures: ReadFigure[] = [];
  const comments = new Map<string, string[]>();
  const organisation: Gathered["organisation"] = [];
  const cyclePages: Gathered["cyclePages"] = [];
  const addComments = (subjectId: string, cycleId: string, bodies: string[]) =>
    comments.set(`${subjectId}|${cycleId}`, [...(comments.get(`${subjectId}|${cycleId}`) ?? []), ...bodies]);

  for (const cycleId of trial.cycleIds) {
    organisation.push(await hr.organisation.overview({ cycleId }));
    cyclePages.push(await hr.cycles.detail({ cycleId }));
    for (const mover of organisation.at(-1)!.movers.rose.concat(organisation.at(-1)!.movers.fell)) {
      const previous = organisation.at(-1)!.movers.previous!.id;
      figures.push({
        source: "mover now",
        subjectId: mover.id,
        cycleId,
        group: "others",
        axis: COMPOSITE_AXIS,
        n: -1,
        mean: mover.now,
        shrunk: null,
        distribution: null,
      });
      figures.push({
        source: "mover before",
        subjectId: mover.id,
        cycleId: previous,
        group: "others",
        axis: COMPOSITE_AXIS,
        n: -1,
        mean: mover.before,
        shrunk: null,
        distribution: null,
      });
    }
    const everyone = await orNothing(hr.finder.people({ cycleId, filters: {}, list: "everyone", pageSize: 200 }));
    for (const placed of everyone?.people ?? []) {
      figures.push({
        source: "finder competence",
        subjectId: placed.id,
        cycleId,
        group: "others",
        axis: COMPOSITE_AXIS,
        n: placed.responses,
        mean: null,
        shrunk: placed.competence,
        distribution: null,
      });
      figures.push({
        source: "finder visibility",
        subjectId: placed.id,
        cycleId,
        group: "others",
        axis: model.visibilityId,
        n: -1,
        mean: null,
        shrunk: placed.visibility,
        distribution: null,
      });
    }
    const heatmap = await director.team.heatmap({ cycleId });
    for (const row of heatmap.people) {
      for (const [axisId, cell] of Object.entries(row.cells)) {
        if (!cell.suppressed)
          figures.push({
            source: "heat map",
            subjectId: row.id,
            cycleId,
            group: "others",
            axis: axisId,
            n: cell.n,
            mean: null,
            shrunk: cell.shrunkMean,
            distribution: null,
          });
      }
    }
    for (const { user } of trial.subjects) {
      const evidence = await orNothing(hr.finder.evidence({ cycleId, subjectId: user.id }));
      if (evidence) {
        const composite = evidence.composite.others;
        if (composite && !composite.suppressed) {
          figures.push({
            source: "evidence composite",
            subjectId: user.id,
            cycleId,
            group: "others",
            axis: COMPOSITE_AXIS,
            n: composite.n,
            mean: composite.mean,
            shrunk: composite.shrunkMean,
            distribution: null,
          });
        }
        const read = figuresOfReport("evidence", user.id, evidence.report);
        figures.push(...read.figures);
        addComments(user.id, cycleId, read.comments);
      }
      const own = await callerOf(user).reports.mine({ cycleId });
      if (own) {
        const read = figuresOfReport("own report", user.id, own);
        figures.push(...read.figures);
        addComments(user.id, cycleId, read.comments);
      }
      const profile = await orNothing(director.team.profile({ cycleId, subjectId: user.id }));
      for (const axis of profile?.axes ?? []) {
        if (axis.others.suppressed) continue;
        figures.push({
          source: "team profile",
          subjectId: user.id,
          cycleId,
          group: "others",
          axis: axis.id,
          n: axis.others.n,
          mean: axis.others.mean,
          shrunk: axis.others.shrunkMean,
          distribution: null,
        });
      }
    }
  }
  return { figures, comments, organisation, cyclePages };
}

// ---------------------------------------------------------------- the attack

/** The sets the rule can put behind a figure: unions of complete and partial responses of each kind. */
function candidateSets(pool: readonly PlantedResponse[], group: AnonymousGroup, axis: string): string[][] {
  const kinds = group === "others" ? ANONYMOUS : [group];
  const blocks: PlantedResponse[][] = [];
  for (const kind of kinds) {
    const observing = pool.filter((r) => r.kind === kind && r.score.has(axis));
    const complete = observing.filter((r) => r.score.has(COMPOSITE_AXIS));
    blocks.push(
      complete,
      observing.filter((r) => !r.score.has(COMPOSITE_AXIS)),
    );
  }
  const sets = new Map<string, string[]>();
  for (let mask = 0; mask < 1 << blocks.length; mask++) {
    const members = blocks
      .filter((_, i) => mask & (1 << i))
      .flat()
      .map((r) => r.id)
      .sort();
    if (members.length > 0) sets.set(members.join(","), members);
  }
  return [...sets.values()];
}

function distributionOf(scores: readonly number[]): number[] {
  const bins = [0, 0, 0, 0, 0];
  for (const s of scores) bins[Math.floor(s + 0.5) - 1]!++;
  return bins;
}

interface Explained {
  subjectId: string;
  cycleId: string;
  group: AnonymousGroup;
  axis: string;
  members: string[];
  mean: number;
  shrunk: number | null;
}

/**
 * Which set each figure stands on, proven by its value; throws on a figure
 * no set of the rule explains. Means on the grid whole-number answers make
 * can coincide; among sets that all fit the value, the one the documented
 * rule names is taken.
 */
function explain(figures: readonly ReadFigure[], planted: readonly PlantedResponse[], k: number): Explained[] {
  const byId = new Map(planted.map((r) => [r.id, r]));
  const explained: Explained[] = [];
  const describe = (f: ReadFigure) =>
    `${f.source}: ${f.group} on ${f.axis} of ${f.subjectId} in ${f.cycleId} (n ${f.n})`;
  const ruleSets = new Map<string, string>();
  const ruleSetOf = (f: ReadFigure, pool: readonly PlantedResponse[]) => {
    const key = `${f.subjectId}|${f.cycleId}`;
    if (!ruleSets.has(`${key}|done`)) {
      const observed = pool.map((r) => ({
        id: r.id,
        kind: r.kind as "peer" | "direct_report",
        observed: new Set([...r.score.keys()].filter((axis) => axis !== COMPOSITE_AXIS)),
      }));
      for (const set of countedSets(
        observed,
        { competencies: model.competencyIds, visibility: model.visibilityId },
        k,
      )) {
        ruleSets.set(`${key}|${set.group}|${set.axis}`, [...set.members].sort().join(","));
      }
      ruleSets.set(`${key}|done`, "");
    }
    return ruleSets.get(`${key}|${f.group}|${f.axis}`);
  };
  for (const f of figures.filter((f) => f.mean !== null && f.n > 0)) {
    const pool = planted.filter(
      (r) => r.subjectId === f.subjectId && r.cycleId === f.cycleId && ANONYMOUS.includes(r.kind),
    );
    const matching = candidateSets(pool, f.group, f.axis).filter((members) => {
      if (members.length !== f.n) return false;
      const scores = members.map((id) => byId.get(id)!.score.get(f.axis)!);
      if (Math.abs(mean(scores) - f.mean!) > CLOSE) return false;
      return !f.distribution || distributionOf(scores).join() === f.distribution.join();
    });
    const named = ruleSetOf(f, pool);
    const members = matching.find((m) => m.join(",") === named) ?? (matching.length === 1 ? matching[0] : undefined);
    if (!members) {
      throw new Error(`${describe(f)} is over ${matching.length === 0 ? "no" : "more than one"} set the rule allows`);
    }
    explained.push({
      subjectId: f.subjectId,
      cycleId: f.cycleId,
      group: f.group,
      axis: f.axis,
      members,
      mean: f.mean!,
      shrunk: f.shrunk,
    });
  }
  // Shrunk values and movers carry no set of their own: each must be a figure already explained.
  for (const f of figures.filter((f) => f.mean === null || f.n <= 0)) {
    const twin = explained.find(
      (e) =>
        e.subjectId === f.subjectId &&
        e.cycleId === f.cycleId &&
        e.group === f.group &&
        e.axis === f.axis &&
        (f.n <= 0 || e.members.length === f.n) &&
        (f.mean === null || Math.abs(e.mean - f.mean) < CLOSE) &&
        (f.shrunk === null || (e.shrunk !== null && Math.abs(e.shrunk - f.shrunk) < CLOSE)),
    );
    if (!twin) throw new Error(`${describe(f)} matches no figure shown on the person's report`);
  }
  return explained;
}

/** Every distinct set of a person's figures, as the attacker's equations. */
function equationsOf(explained: readonly Explained[]): LinearFigure[] {
  const unique = new Map<string, Explained>();
  for (const e of explained) unique.set(`${e.axis}|${e.members.join(",")}`, e);
  return [...unique.values()].map((e) => {
    const weights = new Map<string, number>();
    const axes = e.axis === COMPOSITE_AXIS ? model.competencyIds : [e.axis];
    for (const member of e.members) for (const axis of axes) weights.set(`${member}|${axis}`, 1);
    return weights;
  });
}

interface Tally {
  figures: number;
  withPartial: number;
  byKind: number;
  comments: number;
  hiddenDepartments: number;
  departmentFigures: number;
  pooledDepartments: number;
}

/** Tries every person of the trial and the organisation view; fails on the first leak. */
function attack(trial: Trial, gathered: Gathered, tally: Tally): void {
  const explained = explain(gathered.figures, trial.planted, trial.k);
  tally.figures += explained.length;
  tally.byKind += explained.filter((e) => e.group !== "others").length;
  const byId = new Map(trial.planted.map((r) => [r.id, r]));
  tally.withPartial += explained.filter((e) => e.members.some((id) => !byId.get(id)!.score.has(COMPOSITE_AXIS))).length;

  for (const { user } of trial.subjects) {
    for (const cycleId of trial.cycleIds) {
      const own = explained.filter((e) => e.subjectId === user.id && e.cycleId === cycleId);
      const responseIds = [...new Set(own.flatMap((e) => e.members))];
      const isolated = isolatableResponses(equationsOf(own), responseIds, trial.k);
      expect(
        isolated,
        `responses of ${user.name} in ${cycleId} isolated from the figures any role reads (k=${trial.k})`,
      ).toBeNull();

      // Comments only beside a shown composite, and only from responses some shown figure counts.
      const bodies = gathered.comments.get(`${user.id}|${cycleId}`) ?? [];
      const counted = new Set(responseIds);
      const compositeShown = own.some((e) => e.group === "others" && e.axis === COMPOSITE_AXIS);
      for (const body of new Set(bodies)) {
        const from = trial.planted.find((r) => r.comment === body);
        expect(from && compositeShown && counted.has(from.id), `comment shown for ${user.name}: ${body}`).toBe(true);
        tally.comments++;
      }
    }
  }

  // The organisation view: departments and the organisation's mean over people's shown figures.
  const departmentOf = new Map(trial.subjects.map((s) => [s.user.id, s.department]));
  for (const [index, overview] of gathered.organisation.entries()) {
    const cycleId = trial.cycleIds[index]!;
    const shownOn = (axisId: string) =>
      explained.filter((e) => e.cycleId === cycleId && e.group === "others" && e.axis === axisId && e.shrunk !== null);
    const personFigure = (axisId: string) => new Map(shownOn(axisId).map((e) => [e.subjectId, e.shrunk!]));
    const equations: LinearFigure[] = [];
    const checkSum = (label: string, members: string[], axisId: string, value: number, count: number) => {
      const values = personFigure(axisId);
      expect(members.length, `${label}: people behind it`).toBe(count);
      expect(
        Math.abs(mean(members.map((m) => values.get(m)!)) - value),
        `${label}: mean over the people the view names`,
      ).toBeLessThan(1e-6);
      equations.push(new Map(members.map((m) => [`${m}|${axisId}`, 1])));
    };
    for (const axis of overview.axes) {
      const values = personFigure(axis.id);
      if (overview.organisation[axis.id] !== undefined) {
        checkSum(
          `organisation on ${axis.key}`,
          [...values.keys()],
          axis.id,
          overview.organisation[axis.id]!,
          values.size,
        );
      }
      for (const department of overview.departments) {
        const cell = department.cells[axis.id];
        if (!cell?.shown) continue;
        const members = [...values.keys()].filter((id) => departmentOf.get(id) === department.department);
        checkSum(`${department.department} on ${axis.key}`, members, axis.id, cell.mean, cell.people);
        tally.departmentFigures++;
      }
    }
    tally.hiddenDepartments += overview.departments.filter((d) => !d.shown).length;
    const everyone = [...new Set(explained.filter((e) => e.cycleId === cycleId).map((e) => e.subjectId))];
    const isolated = isolatableResponses(equations, everyone, trial.k);
    expect(isolated, `people isolated by the organisation view of ${cycleId} (k=${trial.k})`).toBeNull();
    for (const rate of overview.responseRates) {
      expect(rate.participants, `response rates of ${rate.department}`).toBeGreaterThanOrEqual(trial.k);
    }
    // The cycle page's requests by department: no row of fewer than k people, unless it is the whole table.
    const { byDepartment } = gathered.cyclePages[index]!;
    if (byDepartment.length > 1) {
      for (const row of byDepartment)
        expect(row.participants, `requests of ${row.department}`).toBeGreaterThanOrEqual(trial.k);
    }
    tally.pooledDepartments += byDepartment.filter((row) => / together$/.test(row.department)).length;
  }
}

describe("the attacker through the API", () => {
  it("isolates no rater and no hidden department on random cycles, as HR, the manager or the subject", async () => {
    const tally: Tally = {
      figures: 0,
      withPartial: 0,
      byKind: 0,
      comments: 0,
      hiddenDepartments: 0,
      departmentFigures: 0,
      pooledDepartments: 0,
    };
    for (let seed = 1; seed <= 8; seed++) {
      const trial = await runTrial(seed);
      attack(trial, await gather(trial), tally);
    }
    // The random cycles reached the cases that matter.
    expect(tally.figures).toBeGreaterThan(500);
    expect(tally.withPartial).toBeGreaterThan(0);
    expect(tally.byKind).toBeGreaterThan(0);
    expect(tally.comments).toBeGreaterThan(0);
    expect(tally.hiddenDepartments).toBeGreaterThan(0);
    expect(tally.departmentFigures).toBeGreaterThan(0);
    expect(tally.pooledDepartments).toBeGreaterThan(0);
    // Eight cycles published and attacked: about 40 s on an idle machine, minutes on a busy one.
  }, 600_000);

  it("does not solve the rater who skipped one competency, and would have under the old sets", async () => {
    const skipOne = model.competencyIds.slice(1, 2);
    const trial = await runTrial(101, {
      subjectIndex: 0,
      cycleIndex: 1,
      responses: [
        ...Array.from({ length: 8 }, () => ({ kind: "peer" as const, skip: [] })),
        { kind: "peer", skip: skipOne },
      ],
    });
    const gathered = await gather(trial);
    attack(trial, gathered, {
      figures: 0,
      withPartial: 0,
      byKind: 0,
      comments: 0,
      hiddenDepartments: 0,
      departmentFigures: 0,
      pooledDepartments: 0,
    });

    // The attacker is not blind: with each competency over everyone who observed it, as before the rule, it finds the rater.
    const subjectId = trial.subjects[0]!.user.id;
    const pool = trial.planted.filter(
      (r) => r.subjectId === subjectId && r.cycleId === trial.cycleIds[1] && r.kind === "peer",
    );
    const partial = pool.find((r) => !r.score.has(COMPOSITE_AXIS))!;
    const oldSets: Explained[] = [COMPOSITE_AXIS, ...model.competencyIds].map((axis) => ({
      subjectId,
      cycleId: trial.cycleIds[1]!,
      group: "others",
      axis,
      members: pool.filter((r) => r.score.has(axis)).map((r) => r.id),
      mean: 0,
      shrunk: null,
    }));
    expect(
      isolatableResponses(
        equationsOf(oldSets),
        pool.map((r) => r.id),
        trial.k,
      ),
    ).toContain(partial.id);
  });
});
