import { parse } from "csv-parse/sync";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { expectNoAxeViolations, signInAs } from "./helpers";

/**
 * HR imports people into the org chart: a file with problems is shown row by
 * row and cannot be applied; the fixed file adds two people under an existing
 * manager in one step. Other tests use the same worker's database, so this file
 * only adds people (with emails unique to the run) and never deactivates
 * anyone; deactivation is tested in org-import.integration.test.ts. Everyone
 * else is refused, in the page and over HTTP.
 */

const HEADER = "email,name,title,department,location,manager_email,is_hr";

/** An existing manager below the top of the organisation, from HR's export. */
async function someManager(page: Page): Promise<{ email: string; department: string }> {
  const response = await page.request.get("/people/export.csv");
  expect(response.status()).toBe(200);
  const [header, ...rows] = parse(await response.text()) as string[][];
  expect(header!.join(",")).toBe(HEADER);
  const managers = new Set(rows.map((r) => r[5]));
  const manager = rows.find((r) => managers.has(r[0]) && r[5] !== "");
  expect(manager, "the demo has a manager with a manager").toBeDefined();
  return { email: manager![0]!, department: manager![3]! };
}

async function previewFile(page: Page, name: string, text: string) {
  await page.getByLabel("CSV file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: "2. Check the preview" })).toBeVisible();
}

test("HR sees every problem on its row, fixes the file and applies it once", async ({ page }) => {
  await signInAs(page, "HR and administrators");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import the org chart" })).toBeVisible();

  const template = await page.request.get("/people/import/template.csv");
  expect((await template.text()).split("\r\n")[0]).toBe(HEADER);

  const manager = await someManager(page);
  const run = Date.now().toString(36);
  const first = `e2e.import.${run}.one@example.com`;
  const second = `e2e.import.${run}.two@example.com`;
  const withProblems = [
    `${HEADER},salary`,
    `${first},Ines Import,Analyst,${manager.department},Oslo,${manager.email},no,`, // 2: fine
    `not-an-email,Bad Email,,,,${manager.email},no,`, // 3
    `${first.toUpperCase()},Ines Again,,,,${manager.email},no,`, // 4: duplicate
    `${second},Tomas Import,,,,nobody.${run}@example.com,perhaps,`, // 5: unknown manager, bad is_hr
  ].join("\n");
  await previewFile(page, "with-problems.csv", withProblems);

  await expect(page.getByRole("alert").filter({ hasText: "The file has 5 problems" })).toBeVisible();
  const problems = page.getByRole("table", { name: "Problems, by row of the file" });
  const rowOf = (n: number) =>
    problems.getByRole("row").filter({ has: page.getByRole("cell", { name: new RegExp(`^(Row )?${n}$`) }) });
  await expect(rowOf(1)).toContainText("Unknown column “salary”");
  await expect(rowOf(3)).toContainText("“not-an-email” is not an email address");
  await expect(rowOf(4)).toContainText("is already on row 2");
  await expect(rowOf(5).filter({ hasText: "No one with the email" })).toHaveCount(1);
  await expect(rowOf(5).filter({ hasText: "is_hr is “perhaps”" })).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Apply the import" })).toBeDisabled();
  await expectNoAxeViolations(page);

  const fixed = [
    HEADER,
    `${first},Ines Import,Analyst,${manager.department},Oslo,${manager.email},no`,
    `${second},Tomas Import,Analyst,${manager.department},Oslo,${first},no`,
  ].join("\n");
  await previewFile(page, "fixed.csv", fixed);
  const summary = page.getByRole("list", { name: "What the import would do" });
  await expect(summary.getByRole("listitem").filter({ hasText: "added" })).toHaveText("2 added");
  await expect(page.getByRole("group").filter({ hasText: "Added (2 people)" })).toContainText("Tomas Import");

  await page.getByRole("button", { name: "Apply the import" }).click();
  const dialog = page.getByRole("dialog", { name: "Apply this import?" });
  await expect(dialog).toContainText("2 added, 0 changed, 0 deactivated. It is written in one step");
  // Twice in a row: the file is applied once.
  await dialog.getByRole("button", { name: "Apply now" }).dblclick();
  await expect(
    page.getByRole("status").filter({ hasText: "Imported: 2 added, 0 changed, 0 deactivated, 0 unchanged." }),
  ).toBeVisible();
  await expect(dialog).toBeHidden();

  // In the org chart, under their managers; the same file again changes nothing.
  const exported = (parse(await (await page.request.get("/people/export.csv")).text()) as string[][]).filter((r) =>
    [first, second].includes(r[0]!),
  );
  expect(exported.map((r) => [r[0], r[5]])).toEqual([
    [first, manager.email],
    [second, first],
  ]);
  await previewFile(page, "fixed.csv", fixed);
  await expect(
    page.getByRole("status").filter({ hasText: "Nothing to change: the file matches the org chart." }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Apply the import" })).toBeDisabled();
});

test("only HR may import: others see a 403 page and the API refuses them", async ({ page }) => {
  await signInAs(page, "Employees");
  await page.goto("/people/import");
  await expect(page.getByRole("heading", { level: 1, name: "Only HR can import the org chart" })).toBeVisible();
  await expect(page.getByLabel("CSV file")).toHaveCount(0);
  const input = { json: { csv: `${HEADER}\n`, deactivateMissing: false } };
  expect((await page.request.post("/api/trpc/people.previewImport", { data: input })).status()).toBe(403);
  expect((await page.request.post("/api/trpc/people.applyImport", { data: input })).status()).toBe(403);
  expect((await page.request.get("/people/export.csv")).status()).toBe(403);
  await expectNoAxeViolations(page);
});
