import { readFile } from "node:fs/promises";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { parse } from "csv-parse/sync";
import { expectNoAxeViolations, signInAs, signInAsPerson, trpcGet, trpcGetWithinLimits, trpcPost } from "./helpers";

/**
 * HR uses the quiet-influencer finder on the demo's Spring review: the chart
 * and the shortlist, a department filter kept in the address, a person's
 * evidence and back, the CSV export, and both in the admin's audit log.
 * Everyone else is refused, in the page and over HTTP; slices too small to
 * show say why.
 */

interface Filters {
  department?: string;
  level?: number;
  location?: string;
}

interface FinderView {
  cycles: { id: string; name: string }[];
  cycle: { id: string; name: string; minGroupSize: number } | null;
  options: { departments: string[]; levels: number[]; locations: string[] };
  slice: { shown: boolean; people: number; reason?: string };
  quadrants: { quiet_influencer: number };
  chart: { kind: "points" | "density" } | null;
}

interface FinderPerson {
  id: string;
  name: string;
  department: string;
}

/** The demo's Spring review: other specs publish small cycles of their own, so it is found by name. */
async function springView(request: APIRequestContext, filters: Filters = {}): Promise<FinderView> {
  const { cycles } = await trpcGetWithinLimits<FinderView>(request, "finder.view", { filters: {} });
  const spring = cycles.find((c) => /^Spring \d{4} review$/.test(c.name));
  expect(spring, "the demo's Spring review is published").toBeDefined();
  return trpcGetWithinLimits<FinderView>(request, "finder.view", { cycleId: spring!.id, filters });
}

/** A view's shortlist, in rank order, or everyone in it, by name: the demo's fit on one page of 200. */
async function listOf(
  request: APIRequestContext,
  view: FinderView,
  list: "shortlist" | "everyone",
  filters: Filters = {},
): Promise<FinderPerson[]> {
  const page = await trpcGetWithinLimits<{ people: FinderPerson[]; total: number }>(request, "finder.people", {
    cycleId: view.cycle!.id,
    filters,
    list,
    pageSize: 200,
  });
  expect(page.people).toHaveLength(page.total);
  return page.people;
}

function shortlistTable(page: Page) {
  return page.getByRole("table", { name: "Quiet influencers in this view, in shortlist order" });
}

/** Names in the shortlist as the page shows them, in order. */
async function shownShortlist(page: Page): Promise<string[]> {
  return (await shortlistTable(page).locator("tbody th a").allInnerTexts()).map((name) => name.trim());
}

/** RFC 4180, enough for the export: quoted cells with doubled quotes, CRLF line ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted || (c !== "," && c !== "\n" && c !== "\r")) {
      cell += c;
    } else if (c === ",") {
      endCell();
    } else if (c === "\n") {
      endCell();
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

test("HR finds the quiet influencers, filters by department, reads one's evidence and exports the shortlist", async ({
  page,
}) => {
  await signInAs(page, "HR and administrators");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Finder" }).click();
  await expect(page).toHaveURL(/\/finder$/);
  await expect(page.getByRole("heading", { level: 1, name: "Quiet-influencer finder" })).toBeVisible();

  // Choose the Spring review in the form when there are several cycles.
  const spring = await springView(page.request);
  const cycle = spring.cycle!;
  if (spring.cycles.length > 1) {
    await page.getByLabel("Cycle", { exact: true }).selectOption(cycle.id);
    await page.getByRole("button", { name: "Show" }).click();
  }
  await expect(page).toHaveURL(new RegExp(`/finder\\?cycle=${cycle.id}$`));
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(cycle.name) })).toBeVisible();

  // The chart: one mark per person, the quadrants named on it, an accessible name.
  const chart = page.getByRole("img", { name: new RegExp(`Scatter chart of ${spring.slice.people} people`) });
  await expect(chart).toBeVisible();
  await expect(chart.locator(".recharts-scatter-symbol")).toHaveCount(spring.slice.people);
  for (const quadrant of ["Quiet influencers", "Visible leaders", "Developing"]) {
    await expect(chart.locator("text", { hasText: quadrant })).toBeVisible();
  }
  // The shortlist, in the API's order.
  const shortlist = await listOf(page.request, spring, "shortlist");
  expect(shortlist.length).toBeGreaterThan(0);
  expect(await shownShortlist(page)).toEqual(shortlist.map((p) => p.name));
  await expect(page.getByText("thin evidence does not rank high")).toBeVisible();
  await expect(page.getByText(/\d+(\.\d)? \(\d\.\d–\d\.\d\)/).first()).toBeVisible();
  await expectNoAxeViolations(page);

  // Filter by a department that has a shortlist of its own.
  let department: string | undefined;
  let slice: FinderView | undefined;
  for (const candidate of spring.options.departments) {
    const view = await springView(page.request, { department: candidate });
    if (view.slice.shown && view.quadrants.quiet_influencer >= 2) {
      department = candidate;
      slice = view;
      break;
    }
  }
  expect(department, "a department with at least two quiet influencers").toBeDefined();
  await page.getByLabel("Department", { exact: true }).selectOption(department!);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(
    (url) => url.searchParams.get("department") === department && url.searchParams.get("cycle") === cycle.id,
  );
  await expect(
    page.getByRole("img", { name: new RegExp(`Scatter chart of ${slice!.slice.people} people`) }),
  ).toBeVisible();
  await expect(shortlistTable(page).locator("tbody tr")).toHaveCount(slice!.quadrants.quiet_influencer);
  // Every listed person is in that department: the shortlist and the table of everyone.
  await page.getByText(/Show all \d+ people with the chart's numbers/).click();
  const everyone = page.getByRole("table", { name: /Everyone in this view/ });
  await expect(everyone.locator("tbody tr")).toHaveCount(Math.min(50, slice!.slice.people));
  for (const header of [
    ...(await shortlistTable(page).locator("tbody th").allInnerTexts()),
    ...(await everyone.locator("tbody th").allInnerTexts()),
  ]) {
    expect(header).toContain(`· ${department}`);
  }
  const listed = await shownShortlist(page);

  // A quiet influencer's evidence, then back to the same view.
  await shortlistTable(page).getByRole("link", { name: listed[0] }).click();
  await expect(page).toHaveURL(/\/finder\/[0-9a-f-]{36}\?cycle=/);
  await expect(page.getByRole("heading", { level: 1, name: listed[0] })).toBeVisible();
  await expect(page.getByText("Your viewing is recorded in the audit log")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "In short" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Competency by competency" })).toBeVisible();
  await expect(page.getByRole("link", { name: "← Back to the finder" })).toHaveAttribute("href", /department=/);
  await expectNoAxeViolations(page);

  await page.goBack();
  await expect(page).toHaveURL(
    (url) => url.pathname === "/finder" && url.searchParams.get("department") === department,
  );
  await expect(page.getByLabel("Department", { exact: true })).toHaveValue(department!);
  expect(await shownShortlist(page)).toEqual(listed);

  // The export: the file a promotion panel opens, with the shortlist shown, in its order.
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^quiet-influencers-spring-\d{4}-review-.+\.csv$/);
  const rows = parseCsv(await readFile((await download.path())!, "utf8"));
  expect(rows[0]).toEqual([
    "Rank",
    "Name",
    "Title",
    "Department",
    "Level",
    "Location",
    "Competence (shrunk, 1-5)",
    "Competence range low (90 %)",
    "Competence range high (90 %)",
    "Visibility (shrunk, 1-5)",
    "Anonymous responses",
    "Manager minus others",
    "Self-assessment",
  ]);
  expect(rows.slice(1).map((r) => r[1])).toEqual(listed);
  expect(rows.slice(1).map((r) => r[0])).toEqual(listed.map((_, i) => String(i + 1)));
  expect(rows.slice(1).every((r) => r[3] === department)).toBe(true);
  await expect(page.getByRole("status").filter({ hasText: `(${listed.length} people)` })).toBeVisible();

  // The demo's HR lead is an administrator: both actions are in the audit log, newest first.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const log = page.getByRole("table", { name: "Audit log entries, newest first" });
  await expect(log.locator("tbody tr").nth(0)).toContainText(
    `Exported the shortlist (${listed.length} people) of ${department}`,
  );
  await expect(log.locator("tbody tr").nth(1)).toContainText(`Opened the evidence of ${listed[0]}`);
  await expect(log.locator("tbody tr").nth(1)).toContainText(cycle.name);
  // Opened once, so recorded once: links to evidence are never fetched ahead of a click.
  await expect(log.locator("tbody tr", { hasText: `Opened the evidence of ${listed[0]}` })).toHaveCount(1);
  await expectNoAxeViolations(page);
});

test("everyone in the view comes a page at a time, by name, with the keyboard", async ({ page }) => {
  await signInAs(page, "HR and administrators");
  const spring = await springView(page.request);
  const everyone = await listOf(page.request, spring, "everyone");
  expect(everyone.length, "the demo places more people than one page holds").toBeGreaterThan(50);
  await page.goto(`/finder?cycle=${spring.cycle!.id}`);
  const summary = page.getByText(`Show all ${everyone.length} people with the chart's numbers`);
  await summary.focus();
  await page.keyboard.press("Enter");
  const table = page.getByRole("table", { name: /Everyone in this view/ });
  const pager = page.getByRole("navigation", { name: "Pages of people" });
  await expect(table.locator("tbody th a")).toHaveText(everyone.slice(0, 50).map((p) => p.name));
  await expect(pager).toContainText(`1–50 of ${everyone.length} people`);
  await expect(pager.getByRole("button", { name: "← Previous" })).toHaveAttribute("aria-disabled", "true");
  // With the keyboard: the button keeps the focus while the next page comes.
  await pager.getByRole("button", { name: "Next →" }).focus();
  await page.keyboard.press("Enter");
  await expect(pager).toContainText(`51–${Math.min(100, everyone.length)} of ${everyone.length} people`);
  await expect(pager.getByRole("button", { name: "Next →" })).toBeFocused();
  await expect(table.locator("tbody th a")).toHaveText(everyone.slice(50, 100).map((p) => p.name));
  // Focusing a name rings that person on the chart.
  await table.locator("tbody th a").first().focus();
  await expect(
    page.getByRole("img", { name: /Scatter chart/ }).locator("text", { hasText: everyone[50]!.name }),
  ).toBeVisible();
  await pager.getByRole("button", { name: "← Previous" }).click();
  await expect(pager).toContainText(`1–50 of ${everyone.length} people`);
  await expectNoAxeViolations(page);
});

test("a view too small to show says why, and shows nobody", async ({ page }) => {
  await signInAs(page, "HR and administrators");
  const spring = await springView(page.request);
  // Departments first, then a department at one level: the first slice the rules hide.
  const candidates: Filters[] = [
    ...spring.options.departments.map((department) => ({ department })),
    ...spring.options.departments.flatMap((department) =>
      spring.options.levels.map((level) => ({ department, level })),
    ),
  ];
  let hidden: { filters: Filters; view: FinderView } | undefined;
  for (const filters of candidates) {
    const view = await springView(page.request, filters);
    if (!view.slice.shown) {
      hidden = { filters, view };
      break;
    }
  }
  expect(hidden, "some slice of the demo is too small").toBeDefined();
  expect(hidden!.view.chart).toBeNull();
  expect(
    (
      await page.request.get(
        `/api/trpc/finder.people?input=${encodeURIComponent(JSON.stringify({ json: { cycleId: spring.cycle!.id, filters: hidden!.filters, list: "everyone" } }))}`,
      )
    ).status(),
  ).toBe(400);

  const query = new URLSearchParams({ cycle: spring.cycle!.id, department: hidden!.filters.department! });
  if (hidden!.filters.level !== undefined) query.set("level", String(hidden!.filters.level));
  await page.goto(`/finder?${query}`);
  await expect(page.getByRole("heading", { level: 2, name: "This view is too small to show" })).toBeVisible();
  await expect(page.getByText(hidden!.view.slice.reason!)).toBeVisible();
  await expect(page.getByRole("img", { name: /Scatter chart/ })).toHaveCount(0);
  await expect(page.getByRole("table")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Show the whole organisation" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the finder fits a phone, and 'Everyone' leaves the address short", async ({ page }) => {
  await signInAs(page, "HR and administrators");
  const spring = await springView(page.request);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/finder?cycle=${spring.cycle!.id}&department=&level=&location=`);
  await expect(page).toHaveURL(new RegExp(`/finder\\?cycle=${spring.cycle!.id}$`));
  await expect(
    page
      .getByRole("img", { name: /Scatter chart/ })
      .locator(".recharts-scatter-symbol")
      .first(),
  ).toBeVisible();
  await expect(shortlistTable(page)).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoAxeViolations(page);
});

test("evidence for someone without published results in the cycle is not found", async ({ page }) => {
  await signInAs(page, "HR and administrators");
  const spring = await springView(page.request);
  const response = await page.goto(`/finder/00000000-0000-4000-8000-000000000000?cycle=${spring.cycle!.id}`);
  expect(response?.status()).toBe(404);
});

test("signed out, the finder sends you to sign in and back", async ({ page }) => {
  await page.goto("/finder?department=Engineering");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Ffinder%3Fdepartment%3DEngineering/);
});

for (const role of ["Employees", "Managers"] as const) {
  test(`${role.toLowerCase()} are refused the finder and the audit log, in the page and over HTTP`, async ({
    page,
  }) => {
    await signInAs(page, role);
    const input = encodeURIComponent(JSON.stringify({ json: { filters: {} } }));
    expect((await page.request.get(`/api/trpc/finder.view?input=${input}`)).status()).toBe(403);
    const exported = await page.request.post("/api/trpc/finder.exportShortlist", {
      data: { json: { cycleId: "00000000-0000-4000-8000-000000000000", filters: {} } },
    });
    expect(exported.status()).toBe(403);
    expect(
      (
        await page.request.get(`/api/trpc/audit.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`)
      ).status(),
    ).toBe(403);

    await page.goto("/finder");
    await expect(
      page.getByRole("heading", { level: 1, name: "Only HR can use the quiet-influencer finder" }),
    ).toBeVisible();
    await expect(page.getByRole("img", { name: /Scatter chart/ })).toHaveCount(0);
    await page.goto("/finder/00000000-0000-4000-8000-000000000000");
    await expect(
      page.getByRole("heading", { level: 1, name: "Only HR can use the quiet-influencer finder" }),
    ).toBeVisible();
    await page.goto("/audit");
    await expect(
      page.getByRole("heading", { level: 1, name: "Only administrators can read the audit log" }),
    ).toBeVisible();
    await expectNoAxeViolations(page);
  });
}

test("HR without the admin role uses the finder but cannot read the audit log", async ({ page }) => {
  await page.goto("/signin");
  const people = await trpcGet<{ name: string; title: string; roles: { hr: boolean; admin: boolean } }[]>(
    page.request,
    "demo.people",
  );
  const hr = people.find((p) => p.roles.hr && !p.roles.admin);
  expect(hr, "the demo has HR people who are not administrators").toBeDefined();
  await signInAsPerson(page, hr!);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await page.goto("/audit");
  await expect(
    page.getByRole("heading", { level: 1, name: "Only administrators can read the audit log" }),
  ).toBeVisible();
  const response = await page.request.get(
    `/api/trpc/audit.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`,
  );
  expect(response.status()).toBe(403);
  await page.goto("/finder");
  await expect(page.getByRole("heading", { level: 1, name: "Quiet-influencer finder" })).toBeVisible();
});

test("an admin pages back through the audit log", async ({ page }) => {
  await signInAs(page, "HR and administrators");
  const spring = await springView(page.request);
  // More entries than one page holds (50). Each opening of evidence is one,
  // but reading results is rate-limited (30 at once), so the rest are
  // "sign out everywhere" of someone (which only ends sessions begun before).
  for (const subject of (await listOf(page.request, spring, "everyone")).slice(0, 10)) {
    await trpcGetWithinLimits(page.request, "finder.evidence", { cycleId: spring.cycle!.id, subjectId: subject.id });
  }
  const me = await trpcGet<{ email: string }>(page.request, "session.viewer");
  const [, ...rows] = parse(await (await page.request.get("/people/export.csv")).text()) as string[][];
  const someone = rows.find((row) => row[0] !== me.email)![0];
  for (let i = 0; i < 41; i++) await trpcPost(page.request, "people.signOutEverywhere", { email: someone });
  await page.goto("/audit");
  const entries = page.getByRole("table", { name: "Audit log entries, newest first" }).locator("tbody tr");
  await expect(entries).toHaveCount(50);
  await expect(page.getByText("50 entries shown")).toBeVisible();
  const newest = await entries.first().innerText();
  await page.getByRole("button", { name: "Show older" }).click();
  await expect(page.getByText(/^(5[1-9]|[6-9]\d|100) entries shown$/)).toBeVisible();
  expect(await entries.count()).toBeGreaterThan(50);
  // Older entries are added below; the newest stays on top.
  expect(await entries.first().innerText()).toBe(newest);
  await expect(entries.nth(50)).toContainText("Opened the evidence of");
  await expect(entries.first()).toContainText("out everywhere");
});
