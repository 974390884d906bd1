import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { someoneToSignInAs, trpcGet } from "./helpers";

/**
 * Single sign-on against a real OpenID Connect provider started for the tests
 * (e2e/support/oidc-provider.mjs, the node-oidc-provider library with its own
 * development sign-in pages): sign in, callback, session, sign out; and an
 * account whose email is not in the org chart is refused with the reason.
 */

/** From `from` (a page that sends signed-out visitors to sign in), through the provider's pages. */
async function signInThroughProvider(page: Page, email: string, from = "/signin") {
  await page.goto(from);
  await page.waitForURL(/\/signin/);
  await page.getByRole("button", { name: "Sign in with Company SSO" }).click();
  // The provider's own pages: a login form, then consent.
  await page.waitForURL(/localhost:\d+\/interaction\//);
  await page.locator('input[name="login"]').fill(email);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("a person in the org chart signs in with single sign-on, has a session, and signs out", async ({ page }) => {
  const person = await someoneToSignInAs(page, "Managers");
  await signInThroughProvider(page, person.email.toUpperCase()); // the org chart matches emails in any case
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByRole("banner")).toContainText(person.name);
  const viewer = await trpcGet<{ name: string; email: string; roles: { manager: boolean } }>(
    page.request,
    "session.viewer",
  );
  expect(viewer).toMatchObject({ name: person.name, email: person.email, roles: { manager: true } });

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin/);
  const after = await page.request.get("/api/trpc/session.viewer");
  expect(after.status()).toBe(401);
});

test("an account whose email is not in the org chart is refused with the reason, and gets no session", async ({
  page,
}) => {
  await signInThroughProvider(page, "stranger@elsewhere.example");
  await page.waitForURL(/\/signin\?error=NotInOrgChart/);
  await expect(
    page.getByRole("alert").filter({ hasText: "that email address is not in Undercurrent's org chart" }),
  ).toBeVisible();
  const response = await page.request.get("/api/trpc/session.viewer");
  expect(response.status()).toBe(401);
});

test("single sign-on keeps where you were going", async ({ page }) => {
  const person = await someoneToSignInAs(page, "Employees");
  await signInThroughProvider(page, person.email, "/report");
  await page.waitForURL((url) => url.pathname === "/report");
  await expect(page.getByRole("heading", { level: 1, name: "My report" })).toBeVisible();
});
