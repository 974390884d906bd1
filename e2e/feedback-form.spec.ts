import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { expectNoAxeViolations, signInAs, signInAsPerson, trpcGet } from "./helpers";

/** The Autumn demo cycle's part of the inbox (other specs may add cycles). */
function demoCycle(page: Page) {
  return page
    .getByRole("region", { name: "Your feedback requests" })
    .locator(".stack")
    .filter({
      has: page.getByRole("heading", { name: /Autumn \d{4} review/ }),
    });
}

async function rateStatements(page: Page, from: number, to: number) {
  const statements = page.locator("fieldset.statement");
  for (let i = from; i < to; i++) {
    const choice =
      i % 6 === 5 ? "Not observed" : ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"][i % 5]!;
    await statements.nth(i).getByRole("radio", { name: choice, exact: true }).check();
  }
}

/** Signs in as the demo manager, opens a request nobody has started (not the self-review) and rates every statement. */
async function answerAManagersRequest(page: Page): Promise<string> {
  await signInAs(page, "Managers");
  const request = demoCycle(page)
    .getByRole("listitem")
    .filter({ hasText: "Not started" })
    .filter({ hasNotText: "Your self-review" })
    .first();
  const subject = (await request.locator(".strong").first().innerText()).trim();
  await request.getByRole("link", { name: `Start: ${subject}` }).click();
  await page.getByRole("button", { name: "Start" }).click();
  await rateStatements(page, 0, await page.locator("fieldset.statement").count());
  return subject;
}

test("a rater answers a peer request over two visits and submits it exactly once", async ({ page }) => {
  await signInAs(page, "Employees");
  await expectNoAxeViolations(page);

  const request = demoCycle(page)
    .getByRole("listitem")
    .filter({ hasText: "As a peer" })
    .filter({ hasText: "Not started" })
    .first();
  const subject = (await request.locator(".strong").first().innerText()).trim();
  await request.getByRole("link", { name: `Start: ${subject}` }).click();

  // Before starting: who sees what, in plain words.
  await expect(page.getByRole("heading", { name: `Feedback for ${subject}` })).toBeVisible();
  await expect(page.getByText("Your answers are anonymous.")).toBeVisible();
  await expect(page.getByText(/Writing style and details can still give you away/)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Start" }).click();

  // First visit: a few answers, saved by the server.
  await rateStatements(page, 0, 6);
  await expect(page.getByRole("status").filter({ hasText: /Draft saved at/ })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Statements answered" })).toHaveAttribute("aria-valuenow", "6");
  await expectNoAxeViolations(page);

  // Second visit: the draft is restored.
  await page.goto("/");
  await expect(demoCycle(page).getByRole("listitem").filter({ hasText: subject })).toContainText("Draft saved");
  await demoCycle(page)
    .getByRole("link", { name: `Continue: ${subject}` })
    .click();
  // A returning rater goes straight to their answers; the promise stays on top.
  await expect(page.getByRole("heading", { name: "Who will see your answers" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Statements answered" })).toHaveAttribute("aria-valuenow", "6");
  await expect(
    page.locator("fieldset.statement").nth(0).getByRole("radio", { name: "Strongly disagree" }),
  ).toBeChecked();

  // Submitting too early says exactly what is missing, and nothing is sent.
  let submits = 0;
  page.on("request", (r) => {
    if (r.url().includes("requests.submit")) submits++;
  });
  await page.getByRole("button", { name: "Submit feedback" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "15 statements need an answer before you can submit" }),
  ).toBeVisible();
  expect(submits).toBe(0);

  await rateStatements(page, 6, 21);
  await page
    .getByLabel(/step back so that someone else could lead/)
    .fill("She let the new engineer run the incident call and only stepped in on the rollback.");
  await page.getByRole("button", { name: "Submit feedback" }).dblclick();
  await expect(page.getByRole("heading", { name: "Thank you — your feedback is submitted" })).toBeVisible();
  expect(submits).toBe(1);

  await page.getByRole("link", { name: "Back to your requests" }).click();
  const done = demoCycle(page).getByRole("listitem").filter({ hasText: subject });
  await expect(done).toContainText("Submitted");
  await expect(done.getByRole("link")).toHaveCount(0);
});

test("when the server does not answer, the form keeps the answers and submits by itself once it does", async ({
  page,
}) => {
  const subject = await answerAManagersRequest(page);

  // The first two attempts never reach the server, as in a restart or a dropped connection.
  let cutOff = 2;
  await page.route(
    (url) => url.pathname.includes("requests.submit"),
    (route) => (cutOff-- > 0 ? route.abort("connectionreset") : route.continue()),
  );
  await page.getByRole("button", { name: "Submit feedback" }).click();
  const retrying = page
    .getByRole("status")
    .filter({ hasText: "Saving failed — your answers are kept here and in your draft" });
  await expect(retrying).toBeVisible();
  await expect(retrying).toContainText(/Retrying automatically( in \d+ s\.|…)/);
  await expect(
    page.locator("fieldset.statement").first().getByRole("radio", { name: "Strongly disagree" }),
  ).toBeChecked();

  await expect(page.getByRole("heading", { name: "Thank you — your feedback is submitted" })).toBeVisible({
    timeout: 20_000,
  });
  expect(cutOff).toBeLessThan(0);
  await page.getByRole("link", { name: "Back to your requests" }).click();
  await expect(demoCycle(page).getByRole("listitem").filter({ hasText: subject })).toContainText("Submitted");
});

test("a submit that was stored but whose answer never came back is given up on, retried, and recognised as done", async ({
  page,
}) => {
  const subject = await answerAManagersRequest(page);

  // The first submit reaches the server and is stored, but its answer is held
  // back for good, as when a connection hangs; later ones go through.
  const answers: number[] = [];
  await page.route(
    (url) => url.pathname.includes("requests.submit"),
    async (route) => {
      const response = await route.fetch();
      answers.push(response.status());
      if (answers.length > 1) await route.fulfill({ response });
    },
  );
  await page.getByRole("button", { name: "Submit feedback" }).click();
  await expect(page.getByRole("button", { name: "Submitting…" })).toBeVisible();
  const retrying = page
    .getByRole("status")
    .filter({ hasText: "Saving failed — your answers are kept here and in your draft" });
  await expect(retrying).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "Thank you — your feedback is submitted" })).toBeVisible({
    timeout: 30_000,
  });
  // The first was stored, unheard; the retry is answered "submitted" without a second response.
  expect(answers).toEqual([200, 200]);
  await expect(page.locator(".notice-error")).toHaveCount(0);
  await page.unrouteAll({ behavior: "ignoreErrors" });
  await page.getByRole("link", { name: "Back to your requests" }).click();
  await expect(demoCycle(page).getByRole("listitem").filter({ hasText: subject })).toContainText("Submitted");
});

test("a self-review asks the reflection questions and says answers carry your name", async ({ page }) => {
  await signInAs(page, "Managers");
  const self = demoCycle(page).getByRole("listitem").filter({ hasText: "Your self-review" });
  await self
    .getByRole("link", { name: /Start|Continue/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: "Your self-review" })).toBeVisible();
  await expect(page.getByText("This is your self-review: it carries your name.")).toBeVisible();
  if (await page.getByRole("button", { name: "Start" }).isVisible())
    await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByRole("heading", { name: "Reflection" })).toBeVisible();
  await expect(page.locator("fieldset.statement").first()).toContainText(/^1\. I /);
  await expect(page.getByRole("button", { name: /can’t give feedback/ })).toHaveCount(0);
});

test("a peer can decline a request, with a reason the subject never sees", async ({ page }) => {
  await signInAs(page, "Employees");
  const request = demoCycle(page)
    .getByRole("listitem")
    .filter({ hasText: "As a peer" })
    .filter({ hasText: "Not started" })
    .first();
  const subject = (await request.locator(".strong").first().innerText()).trim();
  await request.getByRole("link", { name: `Start: ${subject}` }).click();
  await page.getByRole("button", { name: `I can’t give feedback on ${subject}` }).click();
  await page.getByLabel("Reason (optional, seen only by HR)").fill("We only met twice this year.");
  await page.getByRole("button", { name: "Decline request" }).click();
  await page.waitForURL("/");
  await expect(demoCycle(page).getByRole("listitem").filter({ hasText: subject })).toContainText("Declined");
});

test("someone else's request is not found, and a bad address is not found either", async ({ page }) => {
  await signInAs(page, "Employees");
  expect((await page.goto("/requests/00000000-0000-4000-8000-000000000000"))?.status()).toBe(404);
  expect((await page.goto("/requests/not-a-uuid"))?.status()).toBe(404);
});

// ---------------------------------------------------------------- answers are never lost, nor overwritten

type DemoPerson = { id: string; name: string; title: string; roles: { manager: boolean; hr: boolean; admin: boolean } };
type Inbox = {
  cycleName: string;
  requests: { assignmentId: string; subjectName: string; state: string; relationship: string }[];
}[];

/**
 * Signs in as an employee whom no other spec signs in as — the picker's
 * suggestions are every spec's, and other specs take the last three employees: these
 * tests take the fourth and fifth from the end — and returns one of their peer
 * requests in the Autumn cycle that nobody has touched yet. Each test takes
 * its own, in the order the tests run.
 */
async function takeUntouchedRequest(
  page: Page,
  raterFromEnd: 4 | 5,
): Promise<{ assignmentId: string; subjectName: string }> {
  const people = await trpcGet<DemoPerson[]>(page.request, "demo.people");
  await signInAsPerson(
    page,
    people.filter((p) => !p.roles.manager && !p.roles.hr && !p.roles.admin).at(-raterFromEnd)!,
  );
  const autumn = (await trpcGet<Inbox>(page.request, "inbox.mine")).find((c) =>
    /^Autumn \d{4} review$/.test(c.cycleName),
  )!;
  const untouched = autumn.requests.filter((r) => r.relationship === "peer" && r.state === "not_started");
  expect(untouched.length, "the rater still has an untouched peer request").toBeGreaterThan(0);
  return untouched[0]!;
}

/** Does `change` on the form and waits until the server has stored the draft it leads to. */
async function answerAndSave(page: Page, change: () => Promise<void>): Promise<void> {
  const saved = page.waitForResponse((r) => r.url().includes("requests.saveDraft") && r.request().method() === "POST");
  await change();
  expect((await saved).status()).toBe(200);
}

const answeredCount = (page: Page) => page.getByRole("progressbar", { name: "Statements answered" });

/** Opens the request afresh, as a new visit would, and says how many statements its stored draft answers. */
async function storedAnswers(context: BrowserContext, assignmentId: string): Promise<string> {
  const fresh = await context.newPage();
  await fresh.goto(`/requests/${assignmentId}`);
  // Without a draft the form waits for "Start"; with one it opens on the answers.
  await expect(fresh.getByRole("button", { name: "Start" }).or(answeredCount(fresh))).toBeVisible();
  const count =
    (await answeredCount(fresh).count()) > 0 ? await answeredCount(fresh).getAttribute("aria-valuenow") : "0";
  await fresh.close();
  return count ?? "0";
}

/** An untouched request of the fifth employee from the end, started in two tabs of the same browser. */
async function openInTwoTabs(page: Page) {
  const request = await takeUntouchedRequest(page, 5);
  const older = page;
  const newer = await page.context().newPage();
  for (const tab of [older, newer]) {
    await tab.goto(`/requests/${request.assignmentId}`);
    await tab.getByRole("button", { name: "Start" }).click();
  }
  return { request, older, newer };
}

test("answers given, then Home and Continue: the form opens on them, and the next answer adds to them", async ({
  page,
}) => {
  const request = await takeUntouchedRequest(page, 4);
  await page.goto("/");
  await demoCycle(page)
    .getByRole("link", { name: `Start: ${request.subjectName}` })
    .click();
  await page.getByRole("button", { name: "Start" }).click();
  await answerAndSave(page, () => rateStatements(page, 0, 6));
  await expect(page.getByRole("status").filter({ hasText: /Draft saved at/ })).toBeVisible();

  // Within the app, without reloading: Home, then Continue.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }).click();
  await page.waitForURL("/");
  await demoCycle(page)
    .getByRole("link", { name: `Continue: ${request.subjectName}` })
    .click();
  await expect(answeredCount(page)).toHaveAttribute("aria-valuenow", "6");
  await expect(page.locator("fieldset.statement").nth(5).getByRole("radio", { name: "Not observed" })).toBeChecked();

  // The next answer is added to the six, not saved in their place.
  await answerAndSave(page, () => rateStatements(page, 6, 7));
  expect(await storedAnswers(page.context(), request.assignmentId)).toBe("7");
});

test("an answer given just before following a link elsewhere in the app is saved", async ({ page }) => {
  const request = await takeUntouchedRequest(page, 4);
  await page.goto(`/requests/${request.assignmentId}`);
  await page.getByRole("button", { name: "Start" }).click();
  // The form waits a second for more answers before it saves. On a slow machine that
  // second may pass before the click: any save before the link is followed fails, so the
  // answers can only arrive by what the form does on leaving, however long the click took.
  let linkFollowed = false;
  await page.route(
    (url) => url.pathname.includes("requests.saveDraft"),
    (route) => (linkFollowed ? route.continue() : route.abort()),
  );
  await rateStatements(page, 0, 3);
  linkFollowed = true;
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My report" }).click();
  await page.waitForURL("/report");

  await expect.poll(() => storedAnswers(page.context(), request.assignmentId), { timeout: 10_000 }).toBe("3");
});

test("an answer given just before closing or reloading the tab is saved", async ({ page }) => {
  const request = await takeUntouchedRequest(page, 4);
  await page.goto(`/requests/${request.assignmentId}`);
  await page.getByRole("button", { name: "Start" }).click();
  await rateStatements(page, 0, 2);
  // The browser asks before leaving with unsaved answers; the person leaves anyway.
  page.on("dialog", (dialog) => void dialog.accept());
  await page.goto("about:blank");

  await expect.poll(() => storedAnswers(page.context(), request.assignmentId), { timeout: 10_000 }).toBe("2");
});

test("an answer given just before closing the tab is saved, though the answer to an earlier save is still on its way", async ({
  page,
}) => {
  const request = await takeUntouchedRequest(page, 4);
  await page.goto(`/requests/${request.assignmentId}`);
  await page.getByRole("button", { name: "Start" }).click();
  // The first save reaches the server and is stored, but its answer is held
  // back, as on a slow connection, until the answers have been looked for:
  // the save sent on closing still names the version before it, and must
  // replace it rather than be refused as older.
  let releaseFirst = () => {};
  const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
  let saves = 0;
  await page.route(
    (url) => url.pathname.includes("requests.saveDraft"),
    async (route) => {
      if (++saves > 1) return route.continue();
      const stored = await route.fetch();
      await firstHeld;
      await route.fulfill({ response: stored }).catch(() => {}); // the page is gone by then
    },
  );
  const firstSave = page.waitForRequest((r) => r.url().includes("requests.saveDraft"));
  await rateStatements(page, 0, 1);
  await firstSave;
  await rateStatements(page, 1, 3);
  page.on("dialog", (dialog) => void dialog.accept());
  await page.goto("about:blank");

  await expect.poll(() => storedAnswers(page.context(), request.assignmentId), { timeout: 10_000 }).toBe("3");
  releaseFirst();
});

test("a tab left open on older answers cannot overwrite newer ones: it says so and lets the person choose", async ({
  page,
}) => {
  const { request, older, newer } = await openInTwoTabs(page);

  await answerAndSave(newer, () => rateStatements(newer, 0, 4));

  // The older tab, which never saw those four, answers one statement of its own.
  await older.locator("fieldset.statement").nth(10).getByRole("radio", { name: "Agree", exact: true }).check();
  const notice = older.getByRole("alert").filter({ hasText: "Newer answers were saved" });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(/Newer answers were saved at \d{1,2}:\d{2}.* from another tab or device/);
  await expect(notice).toContainText("This page has older answers (1 statement answered; the newer ones answer 4)");
  await expect(
    older.getByRole("status").filter({ hasText: "Not saved: newer answers were saved from another tab or device." }),
  ).toBeVisible();
  // The progress bar stays in view wherever the person is, and leads to the choice.
  await expect(
    older.locator(".form-progress").getByRole("link", { name: "Choose which answers to keep" }),
  ).toHaveAttribute("href", "#newer-answers");
  await expectNoAxeViolations(older);
  // Nothing was overwritten, and nothing on the older page was dropped.
  expect(await storedAnswers(page.context(), request.assignmentId)).toBe("4");
  await expect(answeredCount(older)).toHaveAttribute("aria-valuenow", "1");

  // The person loads the newer answers and goes on from them.
  await notice.getByRole("button", { name: "Load the newer answers" }).click();
  await expect(notice).toBeHidden();
  await expect(answeredCount(older)).toHaveAttribute("aria-valuenow", "4");
  await answerAndSave(older, () => rateStatements(older, 4, 5));
  expect(await storedAnswers(page.context(), request.assignmentId)).toBe("5");

  // Now the other tab is the older one. There the person keeps the page's answers instead.
  await newer.locator("fieldset.statement").nth(12).getByRole("radio", { name: "Disagree", exact: true }).check();
  const second = newer.getByRole("alert").filter({ hasText: "Newer answers were saved" });
  await expect(second).toBeVisible();
  await answerAndSave(newer, () => second.getByRole("button", { name: "Keep the answers on this page" }).click());
  await expect(second).toBeHidden();
  await expect(newer.getByRole("status").filter({ hasText: /Draft saved at/ })).toBeVisible();
  const stored = await page.context().newPage();
  await stored.goto(`/requests/${request.assignmentId}`);
  await expect(answeredCount(stored)).toHaveAttribute("aria-valuenow", "5");
  await expect(
    stored.locator("fieldset.statement").nth(12).getByRole("radio", { name: "Disagree", exact: true }),
  ).toBeChecked();
  // The fifth answer was only ever in the other tab's answers, which the person chose against.
  await expect(stored.locator("fieldset.statement").nth(4).getByRole("radio", { checked: true })).toHaveCount(0);
});

test("a tab asking which answers to keep, left through a link, asks again on coming back, with its answers", async ({
  page,
}) => {
  const { request, older, newer } = await openInTwoTabs(page);
  await answerAndSave(newer, () => rateStatements(newer, 0, 3));
  await older.locator("fieldset.statement").nth(10).getByRole("radio", { name: "Agree", exact: true }).check();
  await expect(older.getByRole("alert").filter({ hasText: "Newer answers were saved" })).toBeVisible();

  // The person goes elsewhere in the app without choosing, then comes back by the Home page's link.
  await older.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }).click();
  await older.waitForURL("/");
  await demoCycle(older)
    .getByRole("link", { name: `Continue: ${request.subjectName}` })
    .click();
  const notice = older.getByRole("alert").filter({ hasText: "Newer answers were saved" });
  await expect(notice).toContainText("This page has older answers (1 statement answered; the newer ones answer 3)");
  await expect(
    older.locator("fieldset.statement").nth(10).getByRole("radio", { name: "Agree", exact: true }),
  ).toBeChecked();
  expect(await storedAnswers(page.context(), request.assignmentId)).toBe("3");

  // Back and forward in history bring them back too; then the person keeps them.
  await older.goBack();
  await older.waitForURL("/");
  await older.goForward();
  await expect(notice).toBeVisible();
  await answerAndSave(older, () => notice.getByRole("button", { name: "Keep the answers on this page" }).click());
  await expect(notice).toBeHidden();
  expect(await storedAnswers(page.context(), request.assignmentId)).toBe("1");
  // Chosen, the set-aside answers are gone from the tab: a later visit opens on the stored draft alone.
  expect(
    await older.evaluate((id) => sessionStorage.getItem(`undercurrent:set-aside:${id}`), request.assignmentId),
  ).toBeNull();
  await older.reload();
  await expect(older.getByRole("alert").filter({ hasText: "Newer answers were saved" })).toHaveCount(0);
  await expect(answeredCount(older)).toHaveAttribute("aria-valuenow", "1");
});
