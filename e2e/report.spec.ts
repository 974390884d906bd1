import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signInAs } from "./helpers";

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
    await expect(page.getByText(/Anonymous figures are shown only when at least \d+ people stand behind them/)).toBeVisible();
  }

  await expect(page.getByRole("region", { name: "Visibility" })).toContainText("Not a competency: how much you are seen and heard");
  await expect(page.getByRole("region", { name: "Comments" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Over time" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();

  await expectNoAxeViolations(page);
});
