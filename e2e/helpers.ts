import AxeBuilder from "@axe-core/playwright";
import { type Page, expect } from "@playwright/test";

export type DemoRole = "HR and administrators" | "Managers" | "Employees";

/** Signs in through the real demo sign-in page by clicking the suggested person
 *  for a role; returns that person's name. */
export async function signInAs(page: Page, role: DemoRole): Promise<string> {
  await page.goto("/signin");
  const card = page.locator(".picker-card", { hasText: role });
  await expect(card).toBeVisible();
  const name = (await card.locator(".strong").innerText()).trim();
  await card.click();
  await page.waitForURL("/");
  await expect(page.getByRole("banner")).toContainText(name);
  return name;
}

/** No WCAG violations that axe can find on the page as it is now. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const found = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(found).toEqual([]);
}
