import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { someoneToSignInAs, trpcGet } from "./helpers";

/**
 * Sign-in by emailed link, through the dev outbox the demo's mail lands in:
 * ask for a link, open it, arrive signed in where you were going; a link
 * works once; an unknown address gets the same answer and no mail.
 */

type Mail = { to: string; subject: string; text: string };

async function mailsTo(page: Page, address: string): Promise<Mail[]> {
  const { mails } = await trpcGet<{ mails: Mail[] }>(page.request, "outbox.list", { limit: 100 });
  return mails.filter((mail) => mail.to === address);
}

/** In the demo the form sits behind a disclosure under the person picker. */
async function openEmailForm(page: Page) {
  await page.getByText("Or sign in with a link by email").click();
}

async function askForLink(page: Page, address: string) {
  await page.getByLabel("Work email").fill(address);
  // A double click asks once.
  await page.getByRole("button", { name: "Email me a sign-in link" }).dblclick();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeFocused();
  await expect(page.getByRole("status")).toContainText(address);
}

test("a person asks for a link, finds it in the outbox, and arrives signed in where they were going", async ({
  page,
}) => {
  const person = await someoneToSignInAs(page, "Employees");
  const before = await mailsTo(page, person.email);

  await page.goto("/report");
  await page.waitForURL(/\/signin\?callbackUrl=/);
  await openEmailForm(page);
  await askForLink(page, person.email.toUpperCase());

  await page.getByRole("link", { name: "outbox" }).click();
  await page.waitForURL(/\/outbox$/);
  const mail = page.getByRole("article").filter({ hasText: person.email }).first();
  await expect(mail.getByRole("heading", { name: "Your sign-in link for Undercurrent" })).toBeVisible();
  const text = (await mail.locator("pre").textContent()) ?? "";
  expect(text).toContain(`Hello ${person.name},`);
  expect(await mailsTo(page, person.email)).toHaveLength(before.length + 1);
  const linkInMail = mail.getByRole("link", { name: /\/api\/auth\/callback\/email\?/ });
  const link = await linkInMail.getAttribute("href");
  expect(link, "the mail holds a sign-in link").toBeTruthy();
  expect(text).toContain(link!);

  await linkInMail.click();
  await page.waitForURL((url) => url.pathname === "/report");
  await expect(page.getByRole("banner")).toContainText(person.name);
  expect(await trpcGet<{ email: string }>(page.request, "session.viewer")).toMatchObject({ email: person.email });

  // The same link again, signed out: it has been used.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin/);
  await page.goto(link!);
  await page.waitForURL(/\/signin\?error=Verification/);
  await expect(page.getByRole("alert").filter({ hasText: "expired or has already been used" })).toBeVisible();
  expect((await page.request.get("/api/trpc/session.viewer")).status()).toBe(401);
});

test("an address outside the org chart gets the same answer and no mail; a typo is caught before sending", async ({
  page,
}) => {
  await page.goto("/signin");
  await openEmailForm(page);
  await page.getByLabel("Work email").fill("not an address");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Enter your work email address" })).toBeVisible();
  await expect(page.getByLabel("Work email")).toHaveValue("not an address");

  await askForLink(page, "stranger@elsewhere.example");
  expect(await mailsTo(page, "stranger@elsewhere.example")).toEqual([]);

  await page.getByRole("button", { name: "Use a different address" }).click();
  await expect(page.getByLabel("Work email")).toBeVisible();
});

test("asking for many links for one address is refused after a few, with a clear reason", async ({ page }) => {
  const address = `flood.${Date.now().toString(36)}@elsewhere.example`;
  await page.goto("/signin");
  await openEmailForm(page);
  for (let i = 0; i < 3; i++) {
    await askForLink(page, address);
    await page.getByRole("button", { name: "Use a different address" }).click();
  }
  await page.getByLabel("Work email").fill(address);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Several links were asked for in a short time" }),
  ).toBeVisible();
});
