import { expect, test } from "./support/fixtures";
import { expectNoAxeViolations, signInAs, signInAsPerson, trpcGet } from "./helpers";

/**
 * An employee reads their own report of the published Spring cycle: the
 * numbers are there as a table (the chart draws the same), hidden figures say
 * why, the page passes axe, and it can be printed.
 */

test("signed out, /report sends you to sign in and back", async ({ page }) => {
  await page.goto("/report");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Freport/);
});

test("an employee reads their report of the Spring cycle", async ({ page }) => {
  await signInAs(page, "Employees");
  await page.goto("/report");

  await expect(page.getByRole("heading", { level: 1, name: "My report" })).toBeVisible();
  await expect(page.getByText(/Spring \d{4} review · published/)).toBeVisible();
  await expect(page.getByText(/Based on \d+ anonymous responses?/)).toBeVisible();

  // The radar's numbers as an accessible table: five competencies, three series.
  const overview = page.getByRole("region", { name: "At a glance" });
  const table = overview.getByRole("table", { name: /per competency/ });
  await expect(table).toBeVisible();
  await expect(table.getByRole("columnheader")).toHaveText(["Competency", "You", "Others", "Organisation"]);
  await expect(table.locator("tbody tr")).toHaveCount(5);
  // The chart itself arrives after the table, in the browser only.
  await expect(overview.locator(".recharts-polar-grid")).toBeVisible();

  // Every hidden figure explains itself; if this employee has none hidden,
  // the explanations for groups are still there in words.
  const hidden = page.getByText(/\d+ of \d+ needed responses — hidden to protect anonymity/);
  if ((await hidden.count()) > 0) {
    await expect(hidden.first()).toBeVisible();
  } else {
    await expect(
      page.getByText(/Anonymous figures are shown only when at least \d+ people stand behind them/),
    ).toBeVisible();
  }

  await expect(page.getByRole("region", { name: "Visibility" })).toContainText(
    "Not a competency: how much you are seen and heard",
  );
  await expect(page.getByRole("region", { name: "Comments" })).toBeVisible();
  // Self and manager against others, in words (whatever this person's figures say).
  await expect(page.getByRole("heading", { level: 3, name: "Your manager and others" })).toBeVisible();

  // The demo has an earlier published review: the trend compares it with Spring, per axis.
  const trend = page.getByRole("region", { name: "Over time" }).getByRole("table");
  await expect(trend.getByRole("columnheader")).toHaveText([
    "Competency",
    /Autumn \d{4} review/,
    /Spring \d{4} review/,
    "Change",
  ]);
  await expect(trend.locator("tbody tr")).toHaveCount(6);
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();

  // The switcher opens the earlier cycle, which has nothing before it.
  await page
    .getByLabel("Cycle")
    .selectOption({ label: (await page.getByLabel("Cycle").locator("option").nth(1).textContent())! });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByText(/Autumn \d{4} review · published/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Over time" })).toContainText(
    "There is no earlier published cycle of yours",
  );

  await expectNoAxeViolations(page);
});

test("someone whose anonymous groups are all below k sees why, and no numbers for them", async ({ page }) => {
  // The head of the organisation sees everyone's heatmap cells: find a person whose others' figures are all hidden.
  await page.goto("/signin");
  const people = await trpcGet<{ id: string; name: string; title: string }[]>(page.request, "demo.people");
  const ceo = people.find((p) => p.title === "Chief Executive Officer")!;
  await signInAsPerson(page, ceo);
  type Heatmap = {
    cycles: { id: string; name: string }[];
    cycle: { minGroupSize: number } | null;
    people: { id: string; inCycle: boolean; cells: Record<string, { suppressed: boolean; n: number }> }[];
  };
  // The demo's Spring review: other specs publish small cycles of their own.
  const { cycles } = await trpcGet<Heatmap>(page.request, "team.heatmap", {});
  const spring = cycles.find((c) => /^Spring \d{4} review$/.test(c.name))!;
  const heatmap = await trpcGet<Heatmap>(page.request, "team.heatmap", { cycleId: spring.id });
  const k = heatmap.cycle!.minGroupSize;
  const hiddenPerson = heatmap.people.find(
    (p) => p.inCycle && Object.values(p.cells).length > 0 && Object.values(p.cells).every((c) => c.suppressed),
  );
  expect(hiddenPerson, "the demo's published cycle has someone below k").toBeDefined();
  const n = Math.max(...Object.values(hiddenPerson!.cells).map((c) => c.n));
  const subject = people.find((p) => p.id === hiddenPerson!.id)!;

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin/);
  await signInAsPerson(page, subject);
  await page.goto(`/report?cycle=${spring.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "My report" })).toBeVisible();
  const table = page.getByRole("region", { name: "At a glance" }).getByRole("table", { name: /per competency/ });
  await expect(table.locator("tbody tr")).toHaveCount(5);
  for (const row of await table.locator("tbody tr").all()) {
    await expect(row).toContainText("hidden to protect anonymity");
  }
  await expect(page.getByText(`${n} of ${k} needed responses — hidden to protect anonymity`).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Where you and others see it differently" })).toContainText(
    /Nothing to compare yet|no self-review/,
  );
  await expectNoAxeViolations(page);
});
