import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { forgetEvidence, recordEvidence } from "../test/evidence";
import { requestWithinLimits, signInAs, signInAsPerson, trpcGet, trpcGetWithinLimits, trpcPost } from "./helpers";

/**
 * Anonymity, tried as an attacker would, through the HTTP API of the running
 * app with the demo organisation: as the subject, as a manager and as HR.
 * Each test is one kind of attack and asserts that it learns nothing; when it
 * has, it records what it tried for `npm run test:hardening`'s summary.
 * (Storage — transaction ids and disk order after close — is tried where the
 * database can be read: server/db/queries/submission.integration.test.ts, and
 * `npm run test:hardening` after a minute of load on the real server.)
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Person = { id: string; name: string; title: string; roles: { manager: boolean; hr: boolean; admin: boolean } };
type Cycle = { id: string; name: string; minGroupSize: number };

/**
 * Everything a payload shows about groups, checked against the rules: a
 * hidden figure carries its count and nothing else; a shown anonymous figure
 * stands for at least k raters; and no two shown anonymous groups of one
 * subject, one inside the other, differ by 1 … k−1 raters (subtracting them
 * would give away the few in between). Returns what was wrong, by path.
 */
function leaks(payload: Json, k: number, path = "$"): string[] {
  if (Array.isArray(payload)) return payload.flatMap((item, i) => leaks(item, k, `${path}[${i}]`));
  if (payload === null || typeof payload !== "object") return [];
  const found: string[] = [];
  if (payload.suppressed === true) {
    for (const [key, value] of Object.entries(payload)) {
      if (!["suppressed", "n", "k"].includes(key) && value !== null)
        found.push(`${path}.${key}: a hidden group shows ${JSON.stringify(value)}`);
    }
  }
  const named = /\.(self|manager)$/.test(path);
  if (payload.suppressed === false && typeof payload.n === "number" && !named && payload.n < k) {
    found.push(`${path}: shows a group of ${payload.n} < ${k}`);
  }
  const groups = payload.groups;
  if (groups && typeof groups === "object" && !Array.isArray(groups)) {
    const shown = (name: string) => {
      const g = (groups as Record<string, Json>)[name] as { suppressed?: boolean; n?: number } | null;
      return g && g.suppressed === false ? g.n! : null;
    };
    const others = shown("others");
    for (const part of ["peer", "direct_report"]) {
      const n = shown(part);
      if (others !== null && n !== null && others - n > 0 && others - n < k) {
        found.push(`${path}.groups: others (${others}) minus ${part} (${n}) leaves ${others - n} < ${k}`);
      }
    }
  }
  for (const [key, value] of Object.entries(payload)) found.push(...leaks(value, k, `${path}.${key}`));
  return found;
}

/** Comments are shuffled on every request (on purpose): compare them as sets. */
function commentsSorted(payload: Json): Json {
  if (Array.isArray(payload)) return payload.map(commentsSorted);
  if (payload === null || typeof payload !== "object") return payload;
  return Object.fromEntries(
    Object.entries(payload).map(([key, value]) => [
      key,
      key === "bodies" && Array.isArray(value) ? [...value].sort() : commentsSorted(value),
    ]),
  );
}

/** Paths whose values differ between two payloads. */
function changedPaths(before: Json, after: Json, path = "$"): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (
    before &&
    after &&
    typeof before === "object" &&
    typeof after === "object" &&
    Array.isArray(before) === Array.isArray(after)
  ) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((key) =>
      changedPaths(
        (before as Record<string, Json>)[key] ?? null,
        (after as Record<string, Json>)[key] ?? null,
        `${path}.${key}`,
      ),
    );
  }
  return [path];
}

async function demoPeople(request: APIRequestContext): Promise<Person[]> {
  return trpcGet<Person[]>(request, "demo.people");
}

/** Everyone the finder places in a cycle, with the org-chart fields; the demo's fit on one page. */
async function placedPeople(request: APIRequestContext, cycle: Cycle) {
  type Placed = { id: string; department: string; level: number | null };
  const page = await trpcGetWithinLimits<{ people: Placed[]; total: number }>(request, "finder.people", {
    cycleId: cycle.id,
    filters: {},
    list: "everyone",
    pageSize: 200,
  });
  expect(page.people).toHaveLength(page.total);
  return page;
}

async function springCycle(request: APIRequestContext): Promise<Cycle> {
  const { cycles } = await trpcGetWithinLimits<{ cycles: Cycle[] }>(request, "finder.view", { filters: {} });
  const spring = cycles.find((c) => /^Spring \d{4} review$/.test(c.name));
  expect(spring, "the demo's Spring review is published").toBeDefined();
  return spring!;
}

test("small and nested groups: nothing shown to the subject, a manager or HR stands for fewer than k raters", async ({
  browser,
}) => {
  // The checker itself catches each kind of leak it looks for.
  expect(leaks({ x: { suppressed: true, n: 2, mean: 3.5 } }, 3)).toHaveLength(1);
  expect(leaks({ x: { suppressed: false, n: 2, mean: 3.5 } }, 3)).toHaveLength(1);
  expect(leaks({ groups: { others: { suppressed: false, n: 5 }, peer: { suppressed: false, n: 4 } } }, 3)).toHaveLength(
    1,
  );
  expect(
    leaks(
      {
        groups: {
          self: { suppressed: false, n: 1 },
          others: { suppressed: false, n: 6 },
          peer: { suppressed: false, n: 3 },
        },
      },
      3,
    ),
  ).toEqual([]);

  const suite = "anonymity attack: small and nested groups";
  forgetEvidence(suite);
  const tried: string[] = [];
  const found: string[] = [];
  const check = (what: string, payload: Json, k: number) => {
    tried.push(what);
    found.push(...leaks(payload, k).map((leak) => `${what} ${leak}`));
  };

  // Each caller in a browser of their own.
  const fresh = async () => (await browser.newContext()).newPage();
  const hr = await fresh();
  await signInAs(hr, "HR and administrators");
  const spring = await springCycle(hr.request);
  const k = spring.minGroupSize;
  check(
    "finder.view",
    await trpcGetWithinLimits<Json>(hr.request, "finder.view", { cycleId: spring.id, filters: {} }),
    k,
  );
  const placed = await placedPeople(hr.request, spring);
  check("finder.people", placed as unknown as Json, k);
  for (const person of placed.people.slice(0, 8)) {
    check(
      "finder.evidence",
      await trpcGetWithinLimits<Json>(hr.request, "finder.evidence", { cycleId: spring.id, subjectId: person.id }),
      k,
    );
  }

  const page = await fresh();
  await signInAs(page, "Managers");
  const heatmap = await trpcGetWithinLimits<Json & { people: { id: string }[] }>(page.request, "team.heatmap", {
    cycleId: spring.id,
  });
  check("team.heatmap", heatmap, k);
  for (const person of heatmap.people.slice(0, 10)) {
    const profile = await requestWithinLimits(page.request, "team.profile", {
      cycleId: spring.id,
      subjectId: person.id,
    });
    if (profile.status() === 404) continue; // not in that cycle
    check("team.profile", ((await profile.json()) as { result: { data: { json: Json } } }).result.data.json, k);
  }

  // The subjects themselves, including people whose groups are small.
  for (const person of (await demoPeople(page.request)).filter((p) => !p.roles.hr && !p.roles.admin).slice(0, 6)) {
    const subject = await fresh();
    await signInAsPerson(subject, person);
    check("reports.mine", await trpcGetWithinLimits<Json>(subject.request, "reports.mine", { cycleId: spring.id }), k);
    await subject.context().close();
  }

  console.info(`small and nested groups: ${tried.length} payloads tried, ${found.length} leaks`);
  expect(tried.length).toBeGreaterThan(20);
  expect(found).toEqual([]);
  const kinds = new Map<string, number>();
  for (const what of tried) kinds.set(what, (kinds.get(what) ?? 0) + 1);
  const byKind = [...kinds].map(([what, n]) => `${n} ${what}`);
  recordEvidence(suite, [
    {
      what: "payloads read as HR, a manager and subjects",
      value: `${tried.length} (${byKind.join(", ")}), k = ${k}: 0 leaks`,
      ok: true,
    },
  ]);
});

test("comments come in a different order each time and carry nothing that ties two together", async ({ page }) => {
  const suite = "anonymity attack: comment order and labels";
  forgetEvidence(suite);
  await signInAs(page, "HR and administrators");
  const spring = await springCycle(page.request);
  const { people } = await placedPeople(page.request, spring);
  type Report = { report: { comments: { question: string; group: string; bodies: string[] }[] } };
  let subject: { id: string; bodies: string[] } | undefined;
  for (const person of people.slice(0, 12)) {
    const { report } = await trpcGetWithinLimits<Report>(page.request, "finder.evidence", {
      cycleId: spring.id,
      subjectId: person.id,
    });
    for (const comment of report.comments) expect(Object.keys(comment).sort()).toEqual(["bodies", "group", "question"]);
    const many = report.comments.find((c) => c.bodies.length >= 4);
    if (many) {
      subject = { id: person.id, bodies: many.bodies };
      break;
    }
  }
  expect(subject, "someone in the demo has four or more comments on one question").toBeDefined();
  const orders = new Set([subject!.bodies.join("\u0000")]);
  for (let i = 0; i < 6 && orders.size < 2; i++) {
    const { report: again } = await trpcGetWithinLimits<Report>(page.request, "finder.evidence", {
      cycleId: spring.id,
      subjectId: subject!.id,
    });
    const same = again.comments.find(
      (c) =>
        c.bodies.length === subject!.bodies.length &&
        [...c.bodies].sort().join() === [...subject!.bodies].sort().join(),
    );
    orders.add(same!.bodies.join("\u0000"));
  }
  // With four or more comments, seven draws in the same order would happen by chance less than once in ten million.
  expect(orders.size).toBeGreaterThan(1);
  recordEvidence(suite, [
    {
      what: "comments read again and again",
      value: `${subject!.bodies.length} comments on one question came in ${orders.size} orders; every comment carries only question, group and bodies`,
      ok: true,
    },
  ]);
});

test("slices: a view that differs from a broader one by fewer than k people is refused", async ({ page }) => {
  const suite = "anonymity attack: differencing slices";
  forgetEvidence(suite);
  await signInAs(page, "HR and administrators");
  const spring = await springCycle(page.request);
  const k = spring.minGroupSize;
  type View = { chart: unknown; slice: { shown: boolean; people: number; reason?: string } };
  const everyone = await placedPeople(page.request, spring);
  // Find, from the unfiltered view, a department and a level whose slice differs
  // from the department by 1 … k−1 people, or is itself below k.
  const count = (department: string, level?: number) =>
    everyone.people.filter((p) => p.department === department && (level === undefined || p.level === level)).length;
  const candidates = [...new Set(everyone.people.map((p) => p.department))].flatMap((department) =>
    [...new Set(everyone.people.filter((p) => p.department === department).map((p) => p.level))]
      .filter((level): level is number => level !== null)
      .map((level) => ({ department, level, whole: count(department), part: count(department, level) })),
  );
  const differencing = candidates.find((c) => c.whole >= k && c.part >= k && c.whole - c.part < k);
  const tooSmall = candidates.find((c) => c.part > 0 && c.part < k);
  expect(differencing ?? tooSmall, "the demo has a slice the rule must refuse").toBeDefined();
  const attacks = [differencing, tooSmall].filter((c) => c !== undefined);
  for (const attack of attacks) {
    const view = await trpcGetWithinLimits<View>(page.request, "finder.view", {
      cycleId: spring.id,
      filters: { department: attack.department, level: attack.level },
    });
    expect(view.slice.shown, JSON.stringify(attack)).toBe(false);
    expect(view.slice.reason).toBeTruthy();
    expect(view.chart).toBeNull();
    // Nor do its lists answer.
    const input = {
      cycleId: spring.id,
      filters: { department: attack.department, level: attack.level },
      list: "everyone",
    };
    const list = await requestWithinLimits(page.request, "finder.people", input);
    expect(list.status(), JSON.stringify(attack)).toBe(400);
  }
  const described = attacks.map((a) => `${a.part} of ${a.whole} in a department`);
  recordEvidence(suite, [
    {
      what: "slices asked for",
      value: `${attacks.length} (${described.join("; ")}; k = ${k}): all refused with a reason and no people`,
      ok: true,
    },
  ]);
});

test("while a cycle collects, a submit, a draft and a decline change nothing anyone can see that day, and no words reach the server log", async ({
  page,
  browser,
  server,
}) => {
  const suite = "anonymity attack: live updates and logs";
  forgetEvidence(suite);
  // The counts are a UTC day's: a run that would cross midnight starts after it.
  const untilMidnight = 86_400_000 - (Date.now() % 86_400_000);
  if (untilMidnight < 180_000) {
    test.setTimeout(untilMidnight + test.info().timeout);
    await page.waitForTimeout(untilMidnight + 1_000);
  }
  const canary = `canary-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  // The rater: an employee no other spec signs in as, with an open request in the collecting cycle.
  const employees = (await demoPeople(page.request)).filter((p) => !p.roles.manager && !p.roles.hr && !p.roles.admin);
  await signInAsPerson(page, employees.at(-2)!);
  type Inbox = {
    cycleId: string;
    cycleName: string;
    requests: { assignmentId: string; subjectName: string; state: string; relationship: string }[];
  }[];
  const autumn = (await trpcGet<Inbox>(page.request, "inbox.mine")).find((c) =>
    /^Autumn \d{4} review$/.test(c.cycleName),
  )!;
  const isOpenAnonymous = (r: Inbox[number]["requests"][number]) =>
    (r.state === "not_started" || r.state === "draft") &&
    (r.relationship === "peer" || r.relationship === "direct_report");
  const request = autumn.requests.find((r) => isOpenAnonymous(r) && r.relationship === "peer");
  const drafted = autumn.requests.find((r) => isOpenAnonymous(r) && r !== request);
  expect(request, "the demo employee has an open peer request").toBeDefined();
  expect(drafted, "and another open anonymous request").toBeDefined();

  // Those who might watch: HR, the subject's manager and the subject.
  const fresh = async () => (await browser.newContext()).newPage();
  const hr = await fresh();
  await signInAs(hr, "HR and administrators");
  const chart = parse(await (await hr.request.get("/people/export.csv")).text(), { columns: true }) as Record<
    string,
    string
  >[];
  const subjectRow = chart.find((row) => row.name === request!.subjectName)!;
  const managerRow = chart.find((row) => row.email === subjectRow.manager_email)!;
  // A second anonymous rater, whom no other spec signs in as either, who will decline.
  const decliner = await fresh();
  await signInAsPerson(decliner, employees.at(-3)!);
  const declined = (await trpcGet<Inbox>(decliner.request, "inbox.mine"))
    .find((c) => c.cycleId === autumn.cycleId)!
    .requests.find(isOpenAnonymous);
  expect(declined, "the second rater has an open anonymous request").toBeDefined();
  const subjectPage = await fresh();
  await signInAsPerson(subjectPage, { name: subjectRow.name!, title: subjectRow.title! });
  const managerPage = await fresh();
  await signInAsPerson(managerPage, { name: managerRow.name!, title: managerRow.title! });

  const watch = async (): Promise<Record<string, Json>> => ({
    "HR: cycles.detail": await trpcGet<Json>(hr.request, "cycles.detail", { cycleId: autumn.cycleId }),
    "HR: cycles.overview": await trpcGet<Json>(hr.request, "cycles.overview"),
    "HR: reminders.preview": await trpcGet<Json>(hr.request, "reminders.preview", { cycleId: autumn.cycleId }),
    "manager: team.mine": await trpcGet<Json>(managerPage.request, "team.mine"),
    "subject: reports.mine": await trpcGetWithinLimits<Json>(subjectPage.request, "reports.mine", {}),
    "subject: inbox.mine": await trpcGet<Json>(subjectPage.request, "inbox.mine"),
  });
  const before = await watch();

  const form = await trpcGet<{ sections: { statements: { id: string }[] }[]; questions: { id: string }[] }>(
    page.request,
    "requests.form",
    {
      assignmentId: request!.assignmentId,
    },
  );
  const ratings = Object.fromEntries(
    form.sections.flatMap((s) => s.statements).map((s, i) => [s.id, ((i % 5) + 1) as 1 | 2 | 3 | 4 | 5]),
  );
  const comments = Object.fromEntries(
    form.questions.map((q) => [q.id, `${canary} stepped back and let the team lead`]),
  );
  await trpcPost(page.request, "requests.submit", {
    assignmentId: request!.assignmentId,
    answers: { ratings, comments },
  });
  // Two more things an anonymous rater does that progress counts: a draft, and a decline.
  const draftForm = await trpcGet<{ sections: { statements: { id: string }[] }[]; draftVersion: number }>(
    page.request,
    "requests.form",
    {
      assignmentId: drafted!.assignmentId,
    },
  );
  const firstStatement = draftForm.sections[0]!.statements[0]!.id;
  await trpcPost(page.request, "requests.saveDraft", {
    assignmentId: drafted!.assignmentId,
    answers: { ratings: { [firstStatement]: 4 }, comments: {} },
    basedOnVersion: draftForm.draftVersion,
  });
  await trpcPost(decliner.request, "requests.decline", { assignmentId: declined!.assignmentId, reason: null });
  // And the same words through paths that fail, which are the ones that log.
  let refusedWithCanary = 0;
  for (const path of ["requests.submit", "requests.saveDraft"]) {
    for (const assignmentId of [request!.assignmentId, "not-an-id"]) {
      const answers = assignmentId === "not-an-id" ? { ratings: {}, comments: { x: canary } } : { ratings, comments };
      const version = path === "requests.saveDraft" ? { basedOnVersion: 0 } : {};
      const refused = await page.request.post(`/api/trpc/${path}`, {
        data: { json: { assignmentId, answers, ...version } },
      });
      if (refused.status() >= 400) refusedWithCanary++;
    }
  }
  // The request is submitted already: a draft for it and both malformed calls are
  // refused (the paths that log); the repeated submit is answered as done, writing nothing.
  expect(refusedWithCanary).toBe(3);

  const after = await watch();
  const changed = Object.keys(before).flatMap((what) =>
    changedPaths(commentsSorted(before[what]!), commentsSorted(after[what]!)).map((path) => `${what} ${path}`),
  );
  // Not even the counts: they are a day's count, and change with the next one (server/db/queries/progress.ts).
  expect(changed).toEqual([]);
  const today = new Date().toISOString().slice(0, 10);
  expect((after["manager: team.mine"] as { coverage: { countedOn: string } }).coverage.countedOn).toBe(today);
  expect((after["HR: cycles.detail"] as { countedOn: string }).countedOn).toBe(today);
  expect(JSON.stringify(after)).not.toContain(canary);

  // And both pages say why, in one sentence.
  const why = "Counts update once a day, so that nobody can tell when a colleague answered.";
  await managerPage.goto("/");
  await expect(managerPage.getByRole("region", { name: "Your team" })).toContainText(why);
  await hr.goto(`/cycles/${autumn.cycleId}`);
  await expect(hr.getByRole("region", { name: "Progress" })).toContainText(why);

  const log = await readFile(server.logFile, "utf8");
  expect(log.length, "the server log is being written").toBeGreaterThan(0);
  expect(log).not.toContain(canary);
  for (const extra of [hr, decliner, subjectPage, managerPage]) await extra.context().close();
  recordEvidence(suite, [
    {
      what: "a submit, a draft and a decline while collecting, watched",
      value: `${Object.keys(before).length} payloads of HR, the subject's manager and the subject: ${changed.length} fields changed (counts are a day's count)`,
      ok: true,
    },
    {
      what: "a canary comment",
      value: `sent once, again to the same request and through ${refusedWithCanary} refused calls: in no payload, not in the server log (${log.length} characters)`,
      ok: true,
    },
  ]);
});
