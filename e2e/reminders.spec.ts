import { expect, test } from "./support/fixtures";
import { expectNoAxeViolations, signInAs } from "./helpers";

/**
 * HR reminds everyone with open requests in the collecting cycle, sees how
 * many were reminded, and reads the mails in the dev outbox (the e2e server
 * has no SMTP_URL). The counts are read from the page, since tests that ran
 * before on this worker's database may have answered requests.
 */
test("HR sends reminders from the cycle page, once a day, and reads them in the dev outbox", async ({ page }) => {
  await signInAs(page, "HR and administrators");
  await page.goto("/cycles");
  await page
    .getByRole("link", { name: `Autumn ${new Date().getUTCFullYear()} review`, exact: true })
    .first()
    .click();

  const reminders = page.getByRole("region", { name: "Reminders" });
  await expect(reminders).toContainText(/\d+ people have requests still open and no reminder today\./);
  await expect(reminders).toContainText("never a name");
  await expect(reminders.getByRole("link", { name: "dev outbox" })).toBeVisible();
  await reminders.getByRole("button", { name: /^Send reminders to \d+ people$/ }).click();

  const dialog = page.getByRole("dialog", { name: "Send reminders?" });
  await expect(dialog).toContainText("The mail names no one");
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: "Send reminders" }).click();
  await expect(dialog).toBeHidden();

  await expect(reminders.getByRole("status")).toHaveText(/^Reminded \d+ people\.$/);
  await expect(reminders).toContainText("Everyone with requests still open has had a reminder today.");
  await expect(reminders.getByRole("button", { name: /^Send reminders/ })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // Sending again the same day over HTTP reminds nobody twice.
  const again = await page.request.post("/api/trpc/reminders.send", {
    data: { json: { cycleId: page.url().split("/").at(-1) } },
  });
  expect(again.status()).toBe(200);
  expect((await again.json()).result.data.json).toMatchObject({ sent: 0 });

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Outbox" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dev outbox" })).toBeVisible();
  const first = page.getByRole("article").first();
  await expect(first).toContainText(/feedback requests? waiting for you in Autumn|Your self-review for Autumn/);
  await expect(first).toContainText("Open your requests: http://localhost");
  await expectNoAxeViolations(page);
});
