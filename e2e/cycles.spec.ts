import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { expectNoAxeViolations, signInAs } from "./helpers";

/**
 * HR runs a cycle from the pages: creates it, opens nominations, starts
 * collection and follows progress. Other tests run before and after it on
 * its worker's server and database, so this test only moves the cycle it created,
 * limits it to the small People (HR) department, and dates it to open before
 * the seeded "Autumn" cycle, which stays the newest collecting cycle that
 * other pages (a manager's team view) follow.
 */

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function confirmStep(page: Page, action: string, expectText: RegExp) {
  await page.getByRole("button", { name: action }).click();
  const dialog = page.getByRole("dialog", { name: `${action}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(expectText);
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: action }).click();
  await expect(dialog).toBeHidden();
}

test("HR creates a cycle for one department, opens nominations, starts collecting and sees the progress", async ({
  page,
}) => {
  const name = `E2E cycle ${Date.now()}`;
  await signInAs(page, "HR and administrators");

  // From the home page to cycle administration.
  await page.getByRole("region", { name: "Feedback cycles" }).getByRole("link", { name: "Manage cycles" }).click();
  await expect(page).toHaveURL(/\/cycles$/);
  await expect(page.getByRole("heading", { level: 1, name: "Feedback cycles" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "New cycle" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New cycle" })).toBeVisible();
  // Sensible defaults.
  await expect(page.getByLabel("Opens on")).toHaveValue(isoDay(0));
  await expect(page.getByLabel("Closes on")).toHaveValue(isoDay(21));
  await expect(page.getByLabel("Minimum group size (k)")).toHaveValue("3");
  await expect(page.getByLabel("Fewest")).toHaveValue("3");
  await expect(page.getByLabel("Most")).toHaveValue("8");
  await expect(page.getByLabel("Whole organisation")).toBeChecked();

  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Opens on").fill(isoDay(-20));
  await page.getByLabel("Closes on").fill(isoDay(30));
  await page.getByLabel("Chosen departments").check();
  await page.getByRole("checkbox", { name: /^People\b/ }).check();

  // The server refuses k = 2, and the form says so beside the field.
  await page.getByLabel("Minimum group size (k)").fill("2");
  await page.getByRole("button", { name: "Create cycle" }).click();
  const k = page.getByLabel("Minimum group size (k)");
  await expect(k).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("The minimum group size is at least 3")).toBeVisible();
  await expect(k).toBeFocused();
  await expectNoAxeViolations(page);

  // A double click creates one cycle.
  await k.fill("3");
  await page.getByRole("button", { name: "Create cycle" }).dblclick();
  await page.waitForURL(/\/cycles\/[0-9a-f-]{36}$/);
  const cycleUrl = page.url();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Draft", { exact: true }).first()).toBeVisible();
  const settings = page.getByRole("region", { name: "Settings" });
  await expect(settings).toContainText("People");
  await expect(settings).toContainText("k = 3");
  await expectNoAxeViolations(page);

  // Draft: warnings come from direct reports alone until peers are nominated.
  const warnings = page.getByRole("region", { name: /Anonymous groups below k = 3/ });
  await expect(warnings).toContainText(/\d+ (person|people) cannot reach k = 3/);

  // Keyboard only: the dialog opens with Enter and Escape leaves it without a change.
  await page.getByRole("button", { name: "Open nominations" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog")).toBeVisible();
  await expect(page.getByRole("dialog").getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(page.getByRole("button", { name: "Open nominations" })).toBeFocused();

  await confirmStep(page, "Open nominations", /k = 3 and can no longer change/);
  await expect(page.getByRole("status").filter({ hasText: "Nominations are open." })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Nominating peers" })).toHaveAttribute(
    "aria-current",
    "step",
  );
  await expect(page.getByRole("link", { name: "Edit settings" })).toHaveCount(0);

  // Before collection: the k warnings name people and say what it means for their report.
  const warningRows = warnings.getByRole("row");
  await expect(warningRows.nth(1)).toContainText("People");
  await expect(warnings).toContainText("No anonymous feedback will be shown; only self and manager answers.");
  await expectNoAxeViolations(page);

  await confirmStep(
    page,
    "Start collecting feedback",
    /sends \d+ feedback requests? to \d+ (person|people); k = 3 can no longer change/,
  );
  await expect(
    page.getByRole("status").filter({ hasText: /Collection has started\. \d+ feedback requests? sent\./ }),
  ).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Collecting feedback" })).toHaveAttribute(
    "aria-current",
    "step",
  );

  // Progress: counts only, overall and for the one department.
  const progress = page.getByRole("region", { name: "Progress" });
  await expect(progress.getByRole("progressbar")).toHaveAttribute("aria-valuetext", /^0 of \d+ \(0%\)$/);
  const byDepartment = progress.getByRole("table");
  await expect(byDepartment.getByRole("row")).toHaveCount(2);
  await expect(byDepartment.getByRole("row").nth(1)).toContainText("People");
  await expect(page.getByRole("button", { name: "Close cycle" })).toBeVisible();
  await expectNoAxeViolations(page);

  // The list has the cycle once, linked to its page.
  await page.getByRole("link", { name: "Feedback cycles" }).click();
  await expect(page).toHaveURL(/\/cycles$/);
  const link = page.getByRole("link", { name, exact: true });
  await expect(link).toHaveCount(1);
  await expect(page.getByRole("article").filter({ has: link })).toContainText("Collecting feedback");
  await link.click();
  await expect(page).toHaveURL(cycleUrl);

  // On a phone the page fits the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoAxeViolations(page);

  // Close, then publish: the publish streams its steps and ends published.
  await page.setViewportSize({ width: 1280, height: 900 });
  await confirmStep(page, "Close cycle", /still unanswered|answered or declined/);
  await expect(page.getByRole("status").filter({ hasText: "The cycle is closed." })).toBeVisible();
  await confirmStep(page, "Publish reports", /Every figure of every report is computed now/);
  await expect(page.getByRole("status").filter({ hasText: "Reports are published." })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Published" })).toHaveAttribute("aria-current", "step");
  await expect(page.getByRole("button", { name: "Publish reports" })).toHaveCount(0);
});

test("only HR may manage cycles: others see a 403 page and the API refuses them", async ({ page }) => {
  await page.goto("/cycles");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fcycles$/);

  await signInAs(page, "Employees");
  await page.goto("/cycles/new");
  await expect(page.getByRole("heading", { level: 1, name: "Only HR can manage feedback cycles" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create cycle" })).toHaveCount(0);
  const api = await page.request.get(`/api/trpc/cycles.departments`);
  expect(api.status()).toBe(403);
  await expectNoAxeViolations(page);
});

test("an unknown cycle is a 404", async ({ page }) => {
  await signInAs(page, "HR and administrators");
  const response = await page.goto("/cycles/00000000-0000-4000-8000-000000000000");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
