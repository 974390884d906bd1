/**
 * Peer nominations as people do them: a subject picks peers from suggestions
 * and from search, their manager approves one, rejects one and adds one, and
 * the subject sees where each stands. The nominating cycle is created over
 * HTTP by HR (the e2e server holds its database), scoped to the subject's
 * department and named uniquely, so other specs' cycles are left alone.
 *
 * Set E2E_STORAGE_DIR to keep the signed-in sessions (for screenshots; helpers.ts keepSession).
 */
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { expectNoAxeViolations, keepSession, signInAs, signInAsPerson, trpcGet, trpcPost } from "./helpers";

test.describe.configure({ mode: "serial" });

type Person = {
  id: string;
  name: string;
  title: string;
  department: string;
  roles: { manager: boolean; hr: boolean; admin: boolean };
};

const cycleName = `Peer nominations e2e ${Date.now().toString(36)}`;
const MIN_PEERS = 3;
const MAX_PEERS = 6;

let manager: Person;
let subject: Person;
/** Two people from other departments, found by search: one by the subject, one by the manager. */
let farPeers: [Person, Person];
/** Set by the subject's steps, used by the manager's. */
const chosen: { suggested: string[]; searched: string } = { suggested: [], searched: "" };

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function newPage(browser: Browser) {
  return (await browser.newContext()).newPage();
}

/** This spec's cycle on the page (other specs may have nominating cycles too). */
function ourCycle(page: Page) {
  return page.getByRole("region", { name: cycleName });
}

test.beforeAll(async ({ browser }) => {
  // The manager the demo suggests, and one of their direct reports as the subject.
  const managerPage = await newPage(browser);
  const managerName = await signInAs(managerPage, "Managers");
  const people = await trpcGet<Person[]>(managerPage.request, "demo.people");
  manager = people.find((p) => p.name === managerName && p.roles.manager)!;
  const team = await trpcGet<{ members: { id: string; directReports: number }[] }>(managerPage.request, "team.mine");
  const member = team.members.find((m) => m.directReports === 0) ?? team.members[0]!;
  subject = people.find((p) => p.id === member.id)!;
  const elsewhere = people.filter(
    (p) =>
      p.department !== subject.department &&
      p.department !== manager.department &&
      p.department !== "Executive" &&
      p.id !== manager.id,
  );
  farPeers = [elsewhere[0]!, elsewhere[elsewhere.length - 1]!];
  await managerPage.context().close();

  // HR opens a nominating cycle for the subject's department only.
  const hrPage = await newPage(browser);
  await signInAs(hrPage, "HR and administrators");
  const { id } = await trpcPost<{ id: string }>(hrPage.request, "cycles.create", {
    name: cycleName,
    opensOn: isoDay(0),
    closesOn: isoDay(21),
    minGroupSize: 3,
    departments: [subject.department],
    minPeers: MIN_PEERS,
    maxPeers: MAX_PEERS,
  });
  await trpcPost(hrPage.request, "cycles.advance", { cycleId: id, to: "nominating" });
  await hrPage.context().close();
});

test("the subject chooses peers from the suggestions and from search", async ({ page }) => {
  await signInAsPerson(page, subject);
  await page.goto("/nominations");
  await expect(page.getByRole("heading", { level: 1, name: "Choose who gives you feedback" })).toBeVisible();
  const cycle = ourCycle(page);
  await expect(cycle).toContainText(`0 of at least ${MIN_PEERS} (max ${MAX_PEERS})`);
  await expect(cycle.getByText("You haven't chosen anyone yet")).toBeVisible();
  await expectNoAxeViolations(page);

  const yourPeers = cycle.getByRole("list", { name: `Your peers for ${cycleName}` });
  const suggestions = cycle.getByRole("list", { name: "Suggested peers" });
  // Three suggestions, added with the mouse.
  for (let i = 0; i < 3; i++) {
    const first = suggestions.getByRole("listitem").first();
    const name = (await first.locator(".strong").innerText()).trim();
    await first.getByRole("button", { name: `Add ${name}` }).click();
    await expect(yourPeers.getByRole("listitem").filter({ hasText: name })).toContainText("Waiting for approval");
    await expect(suggestions.getByRole("listitem").filter({ hasText: name })).toHaveCount(0);
    chosen.suggested.push(name);
  }
  await expect(cycle).toContainText(`3 of at least ${MIN_PEERS} (max ${MAX_PEERS})`);
  await expect(cycle.getByRole("progressbar", { name: `${cycleName}: peers chosen` })).toHaveAttribute(
    "aria-valuetext",
    `3 of at least ${MIN_PEERS} (max ${MAX_PEERS})`,
  );

  // Someone from another department, found by search and added with the keyboard only.
  const [far] = farPeers;
  const search = cycle.getByRole("searchbox", { name: "Search by name, title or department" });
  await search.focus();
  await page.keyboard.type(far.name);
  const results = cycle.getByRole("list", { name: `People matching “${far.name}”` });
  await expect(results.getByRole("listitem").first()).toContainText(far.name);
  await page.keyboard.press("Tab");
  await expect(page.locator(":focus")).toHaveAccessibleName(`Add ${far.name}`);
  await page.keyboard.press("Enter");
  await expect(yourPeers.getByRole("listitem").filter({ hasText: far.name })).toContainText("Waiting for approval");
  // The pressed button is gone; focus rests on the message that says what happened.
  await expect(page.locator(":focus")).toHaveText(new RegExp(`${far.name} added`));
  await expect(results.getByRole("listitem").filter({ hasText: far.name })).toContainText("Already chosen");
  chosen.searched = far.name;

  // Their manager and they themselves cannot be peers, and the search says why.
  await search.fill(manager.name);
  await expect(
    cycle
      .getByRole("list", { name: `People matching “${manager.name}”` })
      .getByRole("listitem")
      .filter({ hasText: manager.name })
      .first(),
  ).toContainText("Your manager");

  // A fifth, then removed again.
  const extra = suggestions.getByRole("listitem").first();
  const extraName = (await extra.locator(".strong").innerText()).trim();
  await extra.getByRole("button", { name: `Add ${extraName}` }).click();
  await expect(cycle).toContainText(`5 of at least ${MIN_PEERS} (max ${MAX_PEERS})`);
  await yourPeers.getByRole("button", { name: `Remove ${extraName}` }).click();
  await expect(yourPeers.getByRole("listitem").filter({ hasText: extraName })).toHaveCount(0);
  await expect(cycle).toContainText(`4 of at least ${MIN_PEERS} (max ${MAX_PEERS})`);
  await expectNoAxeViolations(page);
  await keepSession(page, "nominations-subject");
});

test("the manager approves one, rejects one and adds one", async ({ page }) => {
  await signInAs(page, "Managers");
  await page.goto("/nominations/team");
  await expect(page.getByRole("heading", { level: 1, name: "Approve your team's peer choices" })).toBeVisible();
  const member = ourCycle(page).getByRole("article", { name: subject.name });
  await expect(member).toContainText("4 to decide");
  await expectNoAxeViolations(page);

  const peers = member.getByRole("list", { name: `Peers for ${subject.name}` });
  const [approved, rejected] = chosen.suggested as [string, string];
  await peers.getByRole("button", { name: `Approve ${approved}` }).click();
  await expect(peers.getByRole("listitem").filter({ hasText: approved })).toContainText("Approved");
  await peers.getByRole("button", { name: `Reject ${rejected}` }).click();
  await expect(peers.getByRole("listitem").filter({ hasText: rejected })).toContainText("Rejected");
  await expect(member.getByRole("status")).toContainText(`${rejected} is not approved`);

  const [, far] = farPeers;
  await member.getByText(`Add a peer for ${subject.name.split(" ")[0]}`).click();
  await member.getByRole("searchbox", { name: `Search for a peer for ${subject.name}` }).fill(far.name);
  await member
    .getByRole("list", { name: `People matching “${far.name}”` })
    .getByRole("listitem")
    .filter({ hasText: far.name })
    .first()
    .getByRole("button", { name: `Add ${far.name}` })
    .click();
  await expect(peers.getByRole("listitem").filter({ hasText: far.name })).toContainText("added by you");
  await expect(member).toContainText("2 to decide");
  await expectNoAxeViolations(page);
  await keepSession(page, "nominations-manager");
});

test("the subject sees what their manager decided, at phone width too", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAsPerson(page, subject);
  await page.goto("/nominations");
  const yourPeers = ourCycle(page).getByRole("list", { name: `Your peers for ${cycleName}` });
  const [approved, rejected, waiting] = chosen.suggested as [string, string, string];
  const [, added] = farPeers;
  await expect(yourPeers.getByRole("listitem").filter({ hasText: approved })).toContainText("Approved");
  await expect(yourPeers.getByRole("listitem").filter({ hasText: rejected })).toContainText(
    "Not approved by your manager",
  );
  await expect(yourPeers.getByRole("listitem").filter({ hasText: waiting })).toContainText("Waiting for approval");
  await expect(yourPeers.getByRole("listitem").filter({ hasText: added.name })).toContainText("added by your manager");
  // Neither the rejected peer nor the manager's addition can be removed by the subject.
  await expect(yourPeers.getByRole("button", { name: `Remove ${rejected}` })).toHaveCount(0);
  await expect(yourPeers.getByRole("button", { name: `Remove ${added.name}` })).toHaveCount(0);
  // Nothing wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoAxeViolations(page);
});

test("someone who is not a manager is refused the manager's actions over HTTP, and nothing changes", async ({
  page,
}) => {
  await signInAs(page, "Employees");
  const before = await page.request.get("/api/trpc/nominations.mine");
  const response = await page.request.post("/api/trpc/nominations.decide", {
    data: { json: { nominationId: "00000000-0000-4000-8000-000000000000", decision: "approve" } },
  });
  expect(response.status()).toBe(403);
  const teamPage = await page.goto("/nominations/team");
  expect(teamPage?.status()).toBe(200);
  await expect(page.getByText("Nobody reports to you in the org chart.")).toBeVisible();
  expect((await page.request.get("/api/trpc/nominations.mine")).status()).toBe(before.status());
  await keepSession(page, "nominations-employee");
});
