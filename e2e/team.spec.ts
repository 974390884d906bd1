import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { expectNoAxeViolations, keepSession, signInAs } from "./helpers";

interface Person {
  id: string;
  name: string;
  department: string;
}

type ApiResponse = Awaited<ReturnType<APIRequestContext["get"]>>;

function trpcGet(request: APIRequestContext, path: string, input?: unknown): Promise<ApiResponse> {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  return request.get(`/api/trpc/${path}${query}`);
}

async function dataOf<T>(response: ApiResponse): Promise<T> {
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

test("a manager reads their team's heatmap and one report's profile, and nobody else's", async ({ page }) => {
  const managerName = await signInAs(page, "Managers");
  await keepSession(page, "manager-team");

  await page.goto("/team");
  await expect(page.getByRole("heading", { level: 1, name: "My team" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /Spring \d{4} review/ })).toBeVisible();
  await expect(page.getByRole("list", { name: "Colour scale" })).toContainText("4.5 and above");
  await expect(page.getByText(/hidden: fewer than 3 anonymous responses/)).toBeVisible();
  const table = page.getByRole("table", { name: /results of everyone in your reporting line/ });
  await expect(
    table
      .locator("td.heat")
      .filter({ hasText: /^\d\.\d$/ })
      .first(),
  ).toBeVisible();
  await expectNoAxeViolations(page);

  // The heatmap says which cycle it shows; the API says who is in the tree.
  const heatmap = await dataOf<{ cycle: { id: string }; people: { id: string }[] }>(
    await trpcGet(page.request, "team.heatmap", {}),
  );
  const tree = new Set(heatmap.people.map((p) => p.id));

  const firstLink = table.getByRole("rowheader").getByRole("link").first();
  const reportName = (await firstLink.innerText()).trim();
  await firstLink.click();
  await expect(page).toHaveURL(new RegExp(`/team/[0-9a-f-]{36}\\?cycle=${heatmap.cycle.id}`));
  await expect(page.getByRole("heading", { level: 1, name: reportName })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Competency profile" })).toBeVisible();
  await expect(page.getByText(/Others (\d\.\d \(90 % interval|: hidden)/).first()).toBeVisible();
  await expectNoAxeViolations(page);

  // Someone from another department, outside the manager's tree: the API answers
  // 404 and says nothing about them.
  const everyone = await dataOf<Person[]>(await trpcGet(page.request, "demo.people"));
  const manager = everyone.find((p) => p.name === managerName)!;
  const outsider = everyone.find((p) => p.department !== manager.department && !tree.has(p.id) && p.id !== manager.id)!;
  expect(outsider).toBeDefined();
  const refused = await trpcGet(page.request, "team.profile", { cycleId: heatmap.cycle.id, subjectId: outsider.id });
  expect(refused.status()).toBe(404);
  const body = await refused.text();
  expect(body).not.toContain(outsider.name);
  expect(body).not.toContain(outsider.id);

  // The page for them is simply not found.
  expect((await page.goto(`/team/${outsider.id}?cycle=${heatmap.cycle.id}`))?.status()).toBe(404);
});

test("signed out, the team page sends you to sign in and back", async ({ page }) => {
  await page.goto("/team");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fteam/);
});

test("someone without reports is told the page is for managers", async ({ page }) => {
  await signInAs(page, "Employees");
  await page.goto("/team");
  await expect(page.getByText("Nobody reports to you in the org chart")).toBeVisible();
  const response = await trpcGet(page.request, "team.heatmap", {});
  expect(response.status()).toBe(403);
});
