import { expect, test } from "./support/fixtures";
import { expectNoAxeViolations, signInAs, trpcGet } from "./helpers";

/**
 * An administrator signs someone out everywhere: that person's open browser
 * is signed out at its next request, the action is in the audit log, and
 * signing in again works.
 */
test("an admin signs an employee out everywhere, and their open session ends at the next click", async ({
  browser,
}) => {
  const employeeContext = await browser.newContext();
  const employee = await employeeContext.newPage();
  await signInAs(employee, "Employees");
  const person = await trpcGet<{ name: string; email: string }>(employee.request, "session.viewer");

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAs(admin, "HR and administrators");
  await admin.goto("/audit");
  const card = admin.getByRole("region", { name: "Sign someone out everywhere" });
  await card.getByLabel("Email address").fill(person.email);
  await card.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(card.getByRole("status")).toContainText(`${person.name} is signed out on every device`);
  await expect(admin.getByRole("rowheader", { name: `Signed ${person.name} out everywhere` }).first()).toBeVisible();
  await expectNoAxeViolations(admin);

  // The employee's browser still holds its cookie, but the session is gone.
  const refused = await employee.request.get("/api/trpc/session.viewer");
  expect(refused.status()).toBe(401);
  await employee.goto("/");
  await expect(employee).toHaveURL(/\/signin/);

  // Signing in again is a new session, and it works.
  await signInAs(employee, "Employees");
  await expect(employee.getByRole("banner")).toContainText(person.name);

  // An unknown address is answered in words.
  await card.getByLabel("Email address").fill("nobody@nowhere.example");
  await card.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(card.getByRole("alert")).toContainText("No one in the org chart has the email nobody@nowhere.example");

  await employeeContext.close();
  await adminContext.close();
});
