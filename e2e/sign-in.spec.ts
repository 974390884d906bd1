import { expect, test } from "./support/fixtures";
import { expectNoAxeViolations, keepSession, signInAs } from "./helpers";

test.describe("signed out", () => {
  test("the home page sends you to sign in, with the demo banner and a person picker", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin$/);
    await expect(page.getByRole("heading", { name: "Sign in to Undercurrent" })).toBeVisible();
    await expect(page.getByRole("note")).toContainText("Demo mode");
    for (const group of ["HR and administrators", "Managers", "Employees"]) {
      await expect(page.getByRole("heading", { name: new RegExp(`^${group}`) })).toBeVisible();
    }
    await expectNoAxeViolations(page);
  });

  test("the picker narrows to what you type", async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("Find anyone by name, title or department").fill("engineering manager");
    const rows = page.locator(".picker-row");
    await expect(rows.first()).toBeVisible();
    for (const text of await rows.allInnerTexts()) expect(text.toLowerCase()).toContain("engineering manager");
    await page.getByLabel("Find anyone by name, title or department").fill("zzzz-nobody");
    await expect(page.getByText("Nobody matches")).toBeVisible();
  });

  test("unknown pages answer 404 and the API answers 401", async ({ page, request }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    const api = await request.get("/api/trpc/inbox.mine");
    expect(api.status()).toBe(401);
  });
});

test.describe("each role sees their own real data", () => {
  test("an employee sees their open feedback requests with a due date", async ({ page }) => {
    await signInAs(page, "Employees");
    const requests = page.getByRole("region", { name: "Your feedback requests" });
    await expect(requests.getByRole("heading", { level: 3 })).toContainText(/Autumn \d{4} review/);
    await expect(requests).toContainText(/Due \w{3}, \d{1,2} \w{3} \d{4}/);
    await expect(requests.getByRole("listitem").filter({ hasText: "Your self-review" })).toHaveCount(1);
    expect(await requests.getByRole("listitem").count()).toBeGreaterThan(1);
    // An employee has no team or cycle administration.
    await expect(page.getByRole("region", { name: "Your team" })).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Feedback cycles" })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await keepSession(page, "employee");
  });

  test("a manager sees their team and who has enough responses", async ({ page }) => {
    await signInAs(page, "Managers");
    const team = page.getByRole("region", { name: "Your team" });
    await expect(team).toContainText(/Responses so far in Autumn \d{4} review/);
    const rows = team.locator("tbody tr");
    expect(await rows.count()).toBeGreaterThan(0);
    await expect(rows.first()).toContainText(/\d+ of \d+/);
    await expect(page.getByRole("region", { name: "Feedback cycles" })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await keepSession(page, "manager");
  });

  test("HR sees every cycle with its response rate", async ({ page }) => {
    await signInAs(page, "HR and administrators");
    const cycles = page.getByRole("region", { name: "Feedback cycles" });
    // Other specs add cycles of their own; the demo's three are always there.
    const year = new Date().getUTCFullYear();
    await expect(cycles.getByRole("article", { name: `Autumn ${year} review` })).toContainText("Collecting feedback");
    await expect(cycles.getByRole("article", { name: `Spring ${year} review` })).toContainText("Published");
    await expect(cycles.getByRole("article", { name: `Autumn ${year - 1} review` })).toContainText("Published");
    await expect(cycles.getByRole("progressbar").first()).toHaveAttribute("aria-valuetext", /\d+ of \d+ \(\d+%\)/);
    await expectNoAxeViolations(page);
    await keepSession(page, "hr");
    // Progress by department is on the cycle's own page.
    await cycles
      .getByRole("article", { name: `Autumn ${year} review` })
      .getByRole("link", { name: "Progress by department" })
      .click();
    await expect(page.getByRole("table").filter({ hasText: "Department" }).first()).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("an employee is refused HR data over HTTP with 403", async ({ page }) => {
    await signInAs(page, "Employees");
    const response = await page.request.get("/api/trpc/cycles.overview");
    expect(response.status()).toBe(403);
  });

  test("signing out ends the session", async ({ page }) => {
    await signInAs(page, "Managers");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin/);
    const response = await page.request.get("/api/trpc/team.mine");
    expect(response.status()).toBe(401);
  });
});
