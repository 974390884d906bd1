import { expect, test } from "./support/fixtures";
import { expectNoAxeViolations, signInAs, trpcGetWithinLimits } from "./helpers";

/**
 * HR reads the organisation views of the demo's Spring review: departments
 * with small ones hidden and explained, movers against the earlier Autumn
 * review, response rates. Others are refused, in the page and over HTTP.
 */

test("HR reads departments, movers and response rates for the Spring review", async ({ page }) => {
  await signInAs(page, "HR and administrators");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Organisation" }).click();
  await expect(page).toHaveURL(/\/organisation$/);
  await expect(page.getByRole("heading", { level: 1, name: "Organisation" })).toBeVisible();

  // Other specs publish small cycles of their own: open the demo's Spring review by name.
  const overview = await trpcGetWithinLimits<{ cycles: { id: string; name: string }[] }>(
    page.request,
    "organisation.overview",
    {},
  );
  const spring = overview.cycles.find((c) => /^Spring \d{4} review$/.test(c.name))!;
  await page.goto(`/organisation?cycle=${spring.id}`);
  await expect(page.getByRole("heading", { level: 2, name: `Departments in ${spring.name}` })).toBeVisible();

  const heatmap = page.getByRole("table", { name: /average published results by department and competency/ });
  await expect(heatmap.locator("tbody tr").first()).toBeVisible();
  await expect(
    heatmap
      .locator("td.heat")
      .filter({ hasText: /^\d\.\d$/ })
      .first(),
  ).toBeVisible();
  // The CEO's one-person department cannot be shown, and the page says why.
  await expect(page.getByText(/Executive.*(a view needs at least 3 people|differs from)/)).toBeVisible();

  const movers = page.getByRole("region", { name: "Who moved since the previous cycle" });
  await expect(movers).toContainText(/Autumn \d{4} review/);
  await expect(movers.getByRole("heading", { level: 3, name: /^Rose \(\d+\)$/ })).toBeVisible();
  await expect(movers.getByRole("heading", { level: 3, name: /^Fell \(\d+\)$/ })).toBeVisible();

  const rates = page.getByRole("region", { name: /Response rates in/ });
  await expect(rates.getByRole("progressbar").first()).toHaveAttribute("aria-valuetext", /\d+ of \d+ \(\d+%\)/);
  await expectNoAxeViolations(page);

  // On a phone the page itself does not scroll sideways (the heatmap scrolls inside its frame).
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("employees and managers are refused the organisation views, in the page and over HTTP", async ({ page }) => {
  for (const role of ["Employees", "Managers"] as const) {
    await signInAs(page, role);
    await page.goto("/organisation");
    await expect(
      page.getByRole("heading", { level: 1, name: "Only HR can see the organisation's results" }),
    ).toBeVisible();
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Organisation" }),
    ).toHaveCount(0);
    const response = await page.request.get("/api/trpc/organisation.overview");
    expect(response.status()).toBe(403);
    expect(await response.text()).not.toMatch(/Engineering|shrunk|mean/);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin/);
  }
});
