/**
 * Hostile input cannot break a write. Every mutation of the app router is called,
 * by a person allowed to call it, with inputs drawn from its own zod schema and
 * most of them broken on purpose (test/fuzz/arbitrary-from-schema.ts). Whatever
 * arrives, the answer is a success or a 4xx with a sentence a person can read —
 * never a 5xx, a crash, a stack trace or the database's own words — and a
 * refused call leaves every table exactly as it was. At the end: checks of the
 * input generator itself, and the inputs fuzzing found, kept as plain cases.
 */
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import {
  applyBreak,
  hostileInputs,
  type InputHints,
  POLLUTION_CANARY,
  validInputs,
} from "@/test/fuzz/arbitrary-from-schema";
import { engineName, forgetEvidence, recordEvidence } from "@/test/evidence";
import { queryRows } from "../db/rows";
import { findActiveViewer, type Viewer } from "../db/queries/people";
import { assignments, cycles, people } from "../db/schema";
import { seedDemoOrganisation } from "../db/seed/demo";
import { IMPORT_COLUMNS } from "../domain/org-import";
import { appRouter, createCaller } from "./root";
import type { ContextUser } from "./trpc";

/** Printed with the totals, so a failure can be replayed with the same cases. */
const FUZZ_SEED = 20_261_128;
const AT_LEAST_CASES = 10_000;
/** A call that takes longer than this has hung, which counts as a failure too. */
const CASE_TIMEOUT_MS = 15_000;
const LONGEST_CLEAR_MESSAGE = 500;

/**
 * Refusals that write on purpose, each a product decision named here, so that
 * any other write by a refused call still fails the test.
 */
const WRITES_ON_REFUSAL: { path: string; code: TRPCError["code"]; tables: string[]; why: string }[] = [
  {
    path: "requests.submit",
    code: "PRECONDITION_FAILED",
    tables: ["assignments"],
    why: "a submit that arrives after the cycle closed keeps the answers as the rater's draft, so nothing is lost (submitAnswers)",
  },
];

type Persona = "employee" | "manager" | "hr" | "admin";

interface ProcedureShape {
  _def: { type: "query" | "mutation" | "subscription"; inputs: unknown[] };
}

/** Whose own things a router's mutations act on; the others are tried in FALLBACK_PERSONAS order. */
const PERSONA_BY_ROUTER: Record<string, Persona> = { requests: "employee", nominations: "manager" };
const FALLBACK_PERSONAS: Persona[] = ["hr", "admin", "manager", "employee"];
/** Routers whose successful calls reshape what the others work on (close cycles, deactivate
 *  people) go last, so the earlier ones meet the seeded organisation. */
const ROUTERS_LAST = ["reminders", "cycles", "people"];

// Typed as the nested routers, but at run time a flat map of "router.procedure" to procedure.
const mutations = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureShape>)
  .filter(([, procedure]) => procedure._def.type === "mutation")
  .map(([path, procedure]) => ({ path, schemas: procedure._def.inputs }))
  .sort((a, b) => runOrder(a.path) - runOrder(b.path) || a.path.localeCompare(b.path));
const RUNS_PER_MUTATION = Math.ceil(AT_LEAST_CASES / Math.max(mutations.length, 1));

function runOrder(path: string): number {
  return ROUTERS_LAST.indexOf(path.split(".")[0]!) + 1;
}

let database: TestDatabase;
let personas: Personas;
let watch: DatabaseWatch;
const casesRun = new Map<string, CaseTally>();
const evidenceSuite = () => `fuzzing (${engineName(database.engine)})`;
const savedSmtpUrl = process.env.SMTP_URL;
let startedAt: number;

beforeAll(async () => {
  startedAt = performance.now();
  // Reminders go to the outbox table, never out by mail.
  delete process.env.SMTP_URL;
  database = await createTestDatabase();
  forgetEvidence(evidenceSuite());
  await seedDemoOrganisation(database.db, {
    people: 60,
    seed: 11,
    today: new Date("2026-11-28T12:00:00Z"),
    withNominatingCycle: true,
  });
  personas = await pickPersonas();
  watch = new DatabaseWatch(database, await publicTables());
  await watch.changedTables();
});
afterAll(async () => {
  if (savedSmtpUrl !== undefined) process.env.SMTP_URL = savedSmtpUrl;
  await database?.destroy();
});

// ------------------------------------------------------------------ who calls, and with what

interface Personas {
  /** Most open requests first. Each mutation acting as an employee gets the next one, so one
   *  mutation's declines and submits do not close the requests the next one works on. */
  employees: ContextUser[];
  manager: ContextUser;
  hr: ContextUser;
  admin: ContextUser;
}
let employeesTaken = 0;

function asUser(viewer: Viewer): ContextUser {
  return { id: viewer.id, name: viewer.name, email: viewer.email, roles: viewer.roles };
}

async function pickPersonas(): Promise<Personas> {
  const { db } = database;
  const everyone = await db.select({ id: people.id }).from(people).orderBy(people.email);
  const viewers = (await Promise.all(everyone.map((p) => findActiveViewer(db, p.id)))).filter(
    (v): v is Viewer => v !== null,
  );
  const [nominating] = await db.select().from(cycles).where(eq(cycles.status, "nominating"));
  const inNominatingCycle = await db
    .selectDistinct({ managerId: people.managerId })
    .from(people)
    .where(and(eq(people.department, nominating?.departments?.[0] ?? ""), eq(people.active, true)));
  const open = await db
    .select({ raterId: assignments.raterId })
    .from(assignments)
    .where(inArray(assignments.status, ["pending", "in_progress"]));
  const openRequests = (v: Viewer) => open.filter((r) => r.raterId === v.id).length;
  const isEmployee = (v: Viewer) => !v.roles.manager && !v.roles.hr && !v.roles.admin;
  const pick = (what: string, fits: (v: Viewer) => boolean) => {
    const found = viewers.find(fits);
    if (!found) throw new Error(`the seeded organisation has no ${what}`);
    return asUser(found);
  };
  const employees = viewers
    .filter((v) => isEmployee(v) && openRequests(v) > 0)
    .sort((a, b) => openRequests(b) - openRequests(a));
  if (employees.length === 0) throw new Error("the seeded organisation has no employee with open requests");
  return {
    employees: employees.map(asUser),
    // Has reports in the nominating cycle, so deciding and adding peers reach the rules.
    manager: pick(
      "manager in the nominating cycle",
      (v) => v.roles.manager && !v.roles.hr && !v.roles.admin && inNominatingCycle.some((m) => m.managerId === v.id),
    ),
    hr: pick("HR person", (v) => v.roles.hr && !v.roles.admin),
    admin: pick("administrator", (v) => v.roles.admin),
  };
}

function userFor(persona: Persona, turn: "probe" | "take"): ContextUser {
  if (persona !== "employee") return personas[persona];
  const index = turn === "take" ? employeesTaken++ : employeesTaken;
  return personas.employees[index % personas.employees.length]!;
}

/** Ids and values from the database, most of them the caller's own, so that valid inputs often
 *  name things that exist and reach the rules behind "not found". Each list is in an order of
 *  natural keys, not of ids (random per run), so that a seed draws the same things every run. */
async function valuesNamedBy(user: ContextUser): Promise<InputHints> {
  const ids = async (query: SQL) => (await queryRows<{ id: string }>(database.db, query)).map((row) => row.id);
  const [cycleIds, ownRequests, otherRequests, reports, nominationIds, statementIds, questionIds] = await Promise.all([
    ids(sql`select id from cycles order by created_at, name`),
    ids(sql`select a.id from assignments a join cycles c on c.id = a.cycle_id join people s on s.id = a.subject_id
            where a.rater_id = ${user.id} order by c.created_at, s.email`),
    ids(sql`select a.id from assignments a join cycles c on c.id = a.cycle_id
              join people s on s.id = a.subject_id join people r on r.id = a.rater_id
            where a.rater_id <> ${user.id} order by c.created_at, s.email, r.email limit 3`),
    ids(sql`select id from people where manager_id = ${user.id} order by email`),
    ids(sql`select n.id from nominations n join cycles c on c.id = n.cycle_id
              join people s on s.id = n.subject_id join people o on o.id = n.nominee_id
            order by c.created_at, s.email, o.email`),
    ids(
      sql`select s.id from statements s join competencies c on c.id = s.competency_id order by c.position, s.position`,
    ),
    ids(sql`select id from questions order by kind, position`),
  ]);
  const everyone = await database.db
    .select({ id: people.id, email: people.email, department: people.department })
    .from(people)
    .orderBy(people.email);
  const departments = [...new Set(everyone.map((p) => p.department))].sort();
  const header = IMPORT_COLUMNS.join(",");
  return {
    byProperty: {
      cycleId: cycleIds,
      assignmentId: [...ownRequests, ...otherRequests],
      subjectId: [...reports, user.id, everyone[0]!.id],
      nomineeId: everyone.map((p) => p.id),
      nominationId: nominationIds,
      email: [...everyone.slice(0, 5).map((p) => p.email), everyone[5]!.email.toUpperCase()],
      departments: [null, departments.slice(0, 1), departments.slice(0, 3), ["Nowhere"]],
      opensOn: ["2027-01-04", "2026-12-01"],
      closesOn: ["2027-01-25", "2026-12-24"],
      csv: [
        `${header}\n`,
        `${header}\nnew.person@example.com,New Person,Analyst,${departments[0]},Remote,${user.email},false\n`,
        `${header}\n${user.email},${user.name},=HYPERLINK("http://x"),People,Remote,,true\n`,
      ],
    },
    byRecordKey: { ratings: statementIds, comments: questionIds },
  };
}

/** Symbols fit no schema: a call with one stops at the input check, after the role check. */
const ROLE_CHECK_ONLY = Symbol("role check only");

/** The persona the router's mutations are for, else the first one allowed past the role check. */
async function personaFor(path: string): Promise<Persona> {
  const preferred = PERSONA_BY_ROUTER[path.split(".")[0]!];
  for (const persona of preferred ? [preferred, ...FALLBACK_PERSONAS] : FALLBACK_PERSONAS) {
    const outcome = await call(path, userFor(persona, "probe"), ROLE_CHECK_ONLY);
    const stopped =
      !outcome.accepted &&
      outcome.error instanceof TRPCError &&
      ["UNAUTHORIZED", "FORBIDDEN"].includes(outcome.error.code);
    if (!stopped) return persona;
  }
  throw new Error(`nobody may call ${path}`);
}

// ------------------------------------------------------------------ calling

type Outcome = { accepted: true } | { accepted: false; error: unknown };

async function call(path: string, user: ContextUser, input: unknown): Promise<Outcome> {
  const caller = createCaller({ db: database.db, user, headers: new Headers() });
  const procedure = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  try {
    await (procedure as (input: unknown) => Promise<unknown>)(input);
    return { accepted: true };
  } catch (error) {
    return { accepted: false, error };
  }
}

/** What a person could not act on: each is a reason a message is not "clear". */
const UNCLEAR: { why: string; pattern: RegExp }[] = [
  { why: "empty", pattern: /^\s*$/ },
  { why: "says only that the server failed", pattern: /internal server error/i },
  { why: "a stack trace", pattern: /\n\s+at \S/ },
  { why: "SQL", pattern: /failed query|insert into|\bselect\b[\s\S]*\bfrom\b|\bupdate\b[\s\S]*\bset\b|delete from/i },
  {
    why: "the database's own words",
    pattern:
      /violates|syntax error|duplicate key|invalid input syntax|invalid byte sequence|out of range for|unicode escape|relation "|column "/i,
  },
  {
    why: "a JavaScript error",
    pattern: /cannot read propert|is not a function|is not defined|maximum call stack|unexpected token/i,
  },
  { why: "[object Object]", pattern: /\[object Object\]/ },
];

/** Why an outcome breaks the rules, or null when it keeps them. */
function problemWith(outcome: Outcome, schemaAccepts: boolean): string | null {
  if (outcome.accepted) return schemaAccepts ? null : "accepted an input its own schema refuses";
  const { error } = outcome;
  if (!(error instanceof TRPCError)) return `crashed (a 500 over HTTP): ${String(error).slice(0, 300)}`;
  const status = getHTTPStatusCodeFromError(error);
  const answer = `${status} ${error.code}: ${JSON.stringify(error.message.slice(0, 300))}`;
  if (status < 400 || status >= 500)
    return `answered ${answer}${error.cause ? ` (cause: ${String(error.cause).slice(0, 200)})` : ""}`;
  const unclear = UNCLEAR.find(({ pattern }) => pattern.test(error.message));
  if (unclear) return `answered with ${unclear.why}: ${answer}`;
  if (error.message.length > LONGEST_CLEAR_MESSAGE)
    return `answered with a message of ${error.message.length} characters: ${answer}`;
  return null;
}

function schemaAccepts(schemas: unknown[], input: unknown): boolean {
  return schemas.every((schema) => (schema as z.ZodType).safeParse(input).success);
}

// ------------------------------------------------------------------ the database, unchanged

/** Per table: a cheap marker (row count and newest row version) and, behind it, a hash of every row. */
type TableStates = Map<string, { marker: string; content: string }>;

/**
 * Whether a call changed the database, table by table, judged by the rows'
 * content. Hashing every row after each of 10,000 calls would take minutes,
 * so it is done only where something may have changed:
 * - every write, even one rolled back, takes a transaction id, so if the next
 *   id to hand out is the same after a call, it wrote nothing at all;
 * - otherwise a table whose row count and newest row version (`xmin`) are
 *   both unchanged has no committed insert, update or delete;
 * - the rest are hashed row by row and compared.
 * (On a shared PostgreSQL server other databases move the transaction ids
 * too; that only means more checking.)
 */
class DatabaseWatch {
  private baseline: { watermark: string; tables: TableStates } | null = null;
  tablesHashed = 0;
  markerScans = 0;
  seconds = 0;

  constructor(
    private readonly target: TestDatabase,
    readonly tableNames: string[],
  ) {}

  /** The tables whose content changed since the last call to this; what it finds is the next baseline. */
  async changedTables(): Promise<string[]> {
    const started = performance.now();
    try {
      const watermark = await this.watermark();
      if (this.baseline?.watermark === watermark) return [];
      const before = this.baseline?.tables;
      const now: TableStates = new Map();
      const changed: string[] = [];
      for (const [table, marker] of await this.markers()) {
        const was = before?.get(table);
        const content = was?.marker === marker ? was.content : await this.hashRows(table);
        if (was && was.content !== content) changed.push(table);
        now.set(table, { marker, content });
      }
      this.baseline = { watermark, tables: now };
      return changed;
    } finally {
      this.seconds += (performance.now() - started) / 1000;
    }
  }

  private async watermark(): Promise<string> {
    const [row] = await queryRows<{ next: string }>(
      this.target.db,
      sql`select pg_snapshot_xmax(pg_current_snapshot())::text as next`,
    );
    return row!.next;
  }

  private async markers(): Promise<Map<string, string>> {
    this.markerScans++;
    const perTable = this.tableNames.map(
      (name) =>
        sql`select ${name} as name, count(*) || ':' || coalesce(max(t.xmin::text::bigint), 0) as marker from ${sql.identifier(name)} t`,
    );
    const rows = await queryRows<{ name: string; marker: string }>(
      this.target.db,
      sql.join(perTable, sql` union all `),
    );
    return new Map(rows.map((row) => [row.name, row.marker]));
  }

  /** Each row's text hashed, summed: the order rows come in does not matter and nothing is sorted. */
  private async hashRows(table: string): Promise<string> {
    this.tablesHashed++;
    const [row] = await queryRows<{ hash: string }>(
      this.target.db,
      sql`select count(*) || ':' || coalesce(sum(hashtextextended(t::text, 0)::numeric), 0) as hash from ${sql.identifier(table)} t`,
    );
    return row!.hash;
  }
}

async function publicTables(): Promise<string[]> {
  const tables = await queryRows<{ name: string }>(
    database.db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  if (tables.length === 0) throw new Error("no tables to watch");
  return tables.map((table) => table.name);
}

// ------------------------------------------------------------------ one case

interface CaseTally {
  persona: Persona;
  cases: number;
  schemaValid: number;
  accepted: number;
  refusals: Map<string, number>;
  seconds: number;
}

/** Runs one input through the procedure and throws, for fast-check to shrink, if any rule is broken. */
async function fuzzCase(
  path: string,
  schemas: unknown[],
  user: ContextUser,
  tally: CaseTally,
  input: unknown,
): Promise<void> {
  const valid = schemaAccepts(schemas, input);
  tally.cases++;
  if (valid) tally.schemaValid++;
  const outcome = await call(path, user, input);
  const changed = await watch.changedTables();
  const problems = [problemWith(outcome, valid)];
  if (outcome.accepted) {
    tally.accepted++;
  } else {
    const code = outcome.error instanceof TRPCError ? outcome.error.code : "crash";
    tally.refusals.set(code, (tally.refusals.get(code) ?? 0) + 1);
    if (changed.length > 0 && !writesOnPurpose(path, outcome.error, changed))
      problems.push(`refused, yet changed ${changed.join(", ")}`);
  }
  if (POLLUTION_CANARY in Object.prototype) {
    delete (Object.prototype as Record<string, unknown>)[POLLUTION_CANARY];
    problems.push("polluted Object.prototype");
  }
  const found = problems.filter((p): p is string => p !== null);
  if (found.length > 0) throw new Error(found.join("; "));
}

function writesOnPurpose(path: string, error: unknown, changed: string[]): boolean {
  return WRITES_ON_REFUSAL.some(
    (allowed) =>
      allowed.path === path &&
      error instanceof TRPCError &&
      error.code === allowed.code &&
      changed.every((table) => allowed.tables.includes(table)),
  );
}

/** A short, printable version of any input: long strings and deep nesting cut. */
function briefly(value: unknown, depth = 0): string {
  if (value === undefined) return "undefined";
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "symbol") return value.toString();
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "string") {
    const shown = JSON.stringify(value.length > 60 ? value.slice(0, 40) : value);
    return value.length > 60 ? `${shown}…(${value.length} chars)` : shown;
  }
  if (typeof value !== "object" || value === null) return String(value);
  if (depth >= 4) return "…(nested deeper)";
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? "invalid" : value.toISOString()})`;
  if (value instanceof Map || value instanceof Set || value instanceof RegExp)
    return `${value.constructor.name}(${String(value)})`;
  if (Array.isArray(value)) {
    const items = value.slice(0, 5).map((item) => briefly(item, depth + 1));
    return `[${items.join(", ")}${value.length > 5 ? `, …${value.length - 5} more` : ""}]`;
  }
  const entries = Object.entries(value).slice(0, 8);
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}: ${briefly(item, depth + 1)}`).join(", ")}}`;
}

/** The smallest failing input fast-check found, and what was wrong with it. */
function describeFailure(path: string, persona: Persona, details: fc.RunDetails<[unknown]>): string {
  const [input] = details.counterexample ?? [];
  const why = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  return `${path} as ${persona}, input ${briefly(input)} (shrunk; seed ${FUZZ_SEED}): ${why}`;
}

// ------------------------------------------------------------------ the properties

describe("fuzzing every mutation", () => {
  it("finds mutations to fuzz, each with a zod input schema", () => {
    expect(mutations.length).toBeGreaterThan(0);
    for (const { path, schemas } of mutations) {
      expect(schemas.length, `${path} has no input schema`).toBeGreaterThan(0);
      for (const schema of schemas)
        expect(schema instanceof z.ZodType, `${path}: input is not a zod schema`).toBe(true);
    }
  });

  it.each(mutations.map((m) => [m.path, m] as const))(
    "%s answers hostile input with a success or a clear 4xx, and a refusal changes nothing",
    async (path, { schemas }) => {
      const persona = await personaFor(path);
      expect(await watch.changedTables(), "refused for the role check, yet the database changed").toEqual([]);
      const tally: CaseTally = { persona, cases: 0, schemaValid: 0, accepted: 0, refusals: new Map(), seconds: 0 };
      const started = performance.now();
      casesRun.set(path, tally);
      const user = userFor(persona, "take");
      const hints = await valuesNamedBy(user);
      const generated = schemas.map((schema) => validInputs(schema as z.ZodType, hints));
      const unsupported = generated.flatMap((g) => g.unsupported);
      if (unsupported.length > 0) console.warn(`${path}: drawn as fc.anything(): ${unsupported.join("; ")}`);
      // Several input schemas are merged, as tRPC merges them.
      const valid =
        generated.length === 1
          ? generated[0]!.arbitrary
          : fc.tuple(...generated.map((g) => g.arbitrary)).map((parts) => Object.assign({}, ...parts) as unknown);
      // Mostly broken inputs, and a minority of valid ones that reach the handler.
      const inputs = fc.oneof({ weight: 1, arbitrary: valid }, { weight: 4, arbitrary: hostileInputs(valid) });

      const details = await fc.check(
        fc.asyncProperty(inputs, (input) => fuzzCase(path, schemas, user, tally, input)),
        { numRuns: RUNS_PER_MUTATION, seed: FUZZ_SEED, timeout: CASE_TIMEOUT_MS, endOnFailure: false },
      );
      tally.seconds = (performance.now() - started) / 1000;
      expect(details.failed ? describeFailure(path, persona, details) : null).toBeNull();
      expect(tally.cases).toBeGreaterThanOrEqual(RUNS_PER_MUTATION);
    },
    120_000,
  );

  it(`ran at least ${AT_LEAST_CASES} cases in all, every mutation getting its share`, () => {
    const total = [...casesRun.values()].reduce((sum, tally) => sum + tally.cases, 0);
    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
    const watching = `${watch.tablesHashed} tables hashed, ${watch.markerScans} marker scans, ${watch.seconds.toFixed(1)} s watching the database`;
    const perMutation = [...casesRun].map(([path, t]) => {
      const refused = [...t.refusals].map(([code, n]) => `${code} ${n}`).join(", ");
      const counts = `${String(t.cases).padStart(5)} cases, ${String(t.schemaValid).padStart(4)} schema-valid, ${String(t.accepted).padStart(3)} accepted`;
      return `  ${path.padEnd(28)} as ${t.persona.padEnd(8)} ${counts}, ${t.seconds.toFixed(1)} s; refused: ${refused}`;
    });
    console.log(
      [
        `fuzzed ${total} cases over ${mutations.length} mutations (seed ${FUZZ_SEED}, ${watching}, ${seconds} s on ${database.engine})`,
        ...perMutation,
      ].join("\n"),
    );
    expect(total).toBeGreaterThanOrEqual(AT_LEAST_CASES);
    expect([...casesRun.keys()].sort()).toEqual(mutations.map((m) => m.path).sort());
    const tallies = [...casesRun.values()];
    const sum = (count: (t: CaseTally) => number) => tallies.reduce((n, t) => n + count(t), 0);
    const refused = sum((t) => [...t.refusals.values()].reduce((n, r) => n + r, 0));
    recordEvidence(evidenceSuite(), [
      {
        what: "fuzz cases",
        value: `${total} over all ${mutations.length} mutations (seed ${FUZZ_SEED}): ${sum((t) => t.schemaValid)} schema-valid, ${sum((t) => t.accepted)} accepted, ${refused} refused with a clear 4xx, 0 answered 5xx`,
        ok: true,
      },
      {
        what: "database after each refusal",
        value: `unchanged: every one of the ${watch.tableNames.length} tables compared after every refusal, except ${WRITES_ON_REFUSAL.map((w) => `${w.path} ${w.code} keeping the draft`).join(", ")}`,
        ok: true,
      },
    ]);
  });
});

// ------------------------------------------------------------------ the generator itself

// The unit project does not look in test/, so the generator is checked here.
describe("inputs drawn from zod schemas", () => {
  const everyFeatureRead = z.strictObject({
    id: z.uuid(),
    email: z.email().max(320),
    day: z.iso.date(),
    name: z.string().min(2).max(120),
    kind: z.enum(["a", "b"]),
    rating: z.union([z.literal(1), z.literal(2), z.literal("not_observed")]),
    note: z.string().max(500).nullable(),
    size: z.number().int().min(3).max(50).default(3),
    page: z.number().int().positive().optional(),
    share: z.number().min(0).max(1),
    flag: z.boolean(),
    tags: z.array(z.string().min(1).max(20)).min(1).max(5),
    answers: z.record(z.uuid(), z.string().max(40)),
    nested: z.object({ level: z.number().int().min(0).max(20).optional() }),
  });

  it("draws values the schema accepts, for every feature it reads", () => {
    const { arbitrary, unsupported } = validInputs(everyFeatureRead);
    expect(unsupported).toEqual([]);
    fc.assert(
      fc.property(arbitrary, (value) => {
        const parsed = everyFeatureRead.safeParse(value);
        if (!parsed.success) throw new Error(`${briefly(value)}: ${parsed.error.message}`);
      }),
      { numRuns: 300, seed: FUZZ_SEED },
    );
  });

  it("says which parts it cannot read, instead of drawing them silently", () => {
    expect(validInputs(z.object({ when: z.date() })).unsupported).toHaveLength(1);
    expect(validInputs(z.object({ step: z.number().multipleOf(5) })).unsupported).toEqual(["input.step: multipleOf"]);
    expect(validInputs(z.object({ pair: z.tuple([z.string()], z.number()) })).unsupported).toEqual([
      "input.pair: items after prefixItems",
    ]);
  });

  it("offers the known values it is given, for properties and for a record's keys", () => {
    const schema = z.strictObject({ cycleId: z.uuid(), ratings: z.record(z.uuid(), z.literal(1)) });
    const known = "00000000-0000-4000-8000-000000000001";
    const { arbitrary } = validInputs(schema, { byProperty: { cycleId: [known] }, byRecordKey: { ratings: [known] } });
    const drawn = fc.sample(arbitrary, { numRuns: 200, seed: FUZZ_SEED }) as z.infer<typeof schema>[];
    expect(drawn.some((value) => value.cycleId === known)).toBe(true);
    expect(drawn.some((value) => known in value.ratings)).toBe(true);
  });

  it("breaks an input in the way asked, on a copy of its own", () => {
    const input = () => ({ name: "abcdef", nested: { list: [1, 2] } });
    // Slots in order: the input, name, nested, list, list[0], list[1].
    expect(applyBreak(input(), { kind: "replace", at: 5, by: null })).toEqual({
      name: "abcdef",
      nested: { list: [1, null] },
    });
    expect(applyBreak(input(), { kind: "taint", at: 0, by: "\u0000" })).toEqual({
      name: "\u0000abcde",
      nested: { list: [1, 2] },
    });
    expect(applyBreak(input(), { kind: "drop", at: 0 })).toEqual({ nested: { list: [1, 2] } });
    expect(applyBreak(input(), { kind: "root", by: "text" })).toBe("text");
    const added = applyBreak(input(), {
      kind: "add",
      at: 0,
      key: "__proto__",
      value: { [POLLUTION_CANARY]: true },
    }) as object;
    expect(Object.keys(added)).toContain("__proto__");
    expect(Object.getPrototypeOf(added)).toBe(Object.prototype);
    expect(POLLUTION_CANARY in {}).toBe(false);
  });

  it("mostly draws inputs the schema refuses", () => {
    const { arbitrary } = validInputs(everyFeatureRead);
    const drawn = fc.sample(hostileInputs(arbitrary), { numRuns: 500, seed: FUZZ_SEED });
    const refused = drawn.filter((value) => !everyFeatureRead.safeParse(value).success).length;
    expect(refused / drawn.length).toBeGreaterThan(0.7);
  });
});

// ------------------------------------------------------------------ what fuzzing found

describe("inputs fuzzing found answered with a 500, now refused with a sentence", () => {
  const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";
  const asHr = () => createCaller({ db: database.db, user: personas.hr, headers: new Headers() });
  const asEmployee = () => createCaller({ db: database.db, user: personas.employees[0]!, headers: new Headers() });
  const refusal = (work: Promise<unknown>) =>
    work.then(
      () => null,
      (error: unknown) => error as TRPCError,
    );
  const cycle = { name: "Found by fuzzing", opensOn: "2027-01-04", closesOn: "2027-01-25" };

  it("refuses year 0000, which the date format allows and PostgreSQL does not", async () => {
    const error = await refusal(asHr().cycles.create({ ...cycle, opensOn: "0000-02-29" }));
    expect({ code: error?.code, message: error?.message }).toEqual({
      code: "BAD_REQUEST",
      message: "Use a real date, written YYYY-MM-DD.",
    });
  });

  it("refuses a NUL character or half a surrogate pair anywhere in the input", async () => {
    const nul = await refusal(
      asEmployee().requests.submit({
        assignmentId: NO_SUCH_ID,
        answers: { ratings: {}, comments: { [NO_SUCH_ID]: "a\u0000b" } },
      }),
    );
    const halfPair = await refusal(asHr().cycles.create({ ...cycle, name: "\uD800" }));
    for (const error of [nul, halfPair]) {
      expect({ code: error?.code, message: error?.message }).toEqual({
        code: "BAD_REQUEST",
        message: "Text must be valid Unicode, without NUL characters.",
      });
    }
  });

  it("words a refused input as sentences, not as zod's issues in JSON, and briefly", async () => {
    const empty = await refusal(asHr().cycles.create({} as never));
    expect(empty?.message).toBe(
      "name: Give the cycle a name.; opensOn: Use a real date, written YYYY-MM-DD.; closesOn: Use a real date, written YYYY-MM-DD.",
    );
    const manyLongDepartments = Array.from({ length: 50 }, (_, i) => `${i}`.padEnd(200, "x"));
    const unknown = await refusal(asHr().cycles.create({ ...cycle, departments: manyLongDepartments }));
    expect(unknown?.code).toBe("BAD_REQUEST");
    expect(unknown?.message.length).toBeLessThanOrEqual(LONGEST_CLEAR_MESSAGE);
    expect(unknown?.message).toMatch(
      /^No one active works in “0x+…”, “1x+…”, “2x+…” and 47 more: pick departments from the list\.$/,
    );
  });
});
