import { expect, test } from "./support/fixtures";
import { signInAs, trpcGet } from "./helpers";

/**
 * Signing out ends the session on the server, not only in the browser: a copy
 * of the cookie taken before (a shared computer, a stolen cookie) is refused
 * afterwards, by the API with 401 and by pages with the sign-in page.
 */
test("a cookie saved before signing out is signed out when replayed", async ({ browser, page }) => {
  await signInAs(page, "Employees");
  await trpcGet(page.request, "inbox.mine");
  const saved = await page.context().storageState();
  expect(saved.cookies.some((c) => c.name.includes("next-auth.session-token"))).toBe(true);

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin/);

  // A fresh browser with the old cookie put back, as an attacker would.
  const replay = await browser.newContext({ storageState: saved });
  try {
    const api = await replay.request.get("/api/trpc/inbox.mine");
    expect(api.status()).toBe(401);
    const viewer = await replay.request.get("/api/trpc/session.viewer");
    expect(viewer.status()).toBe(401);
    const replayed = await replay.newPage();
    await replayed.goto("/");
    await expect(replayed).toHaveURL(/\/signin/);
    await expect(replayed.getByRole("heading", { name: "Sign in to Undercurrent" })).toBeVisible();
  } finally {
    await replay.close();
  }

  // Signing in again is a new session, and it works.
  await signInAs(page, "Employees");
  await trpcGet(page.request, "inbox.mine");
});
