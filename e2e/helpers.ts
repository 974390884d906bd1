import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, type APIResponse, type Cookie, type Page, expect } from "@playwright/test";

export type DemoRole = "HR and administrators" | "Managers" | "Employees";

/**
 * Sessions this worker has signed in, by who signed in. The sign-in page is
 * used the first time for each person (and again whenever their session has
 * ended: signed out, signed out everywhere, deactivated); after that a test
 * starts from that session's cookies, on the home page, as it would after
 * signing in. The sign-in itself is what sign-in.spec.ts tests; the other
 * specs need a signed-in person, and a busy 2-core machine spent seconds a
 * test drawing the picker. Each worker is a process of its own, so this
 * never crosses to another worker's server.
 */
const signedIn = new Map<string, { name: string; cookies: Cookie[] }>();

async function startSignedIn(page: Page, who: string, signIn: () => Promise<string>): Promise<string> {
  const kept = signedIn.get(who);
  if (kept) {
    await page.context().addCookies(kept.cookies);
    const session = (await (await page.request.get("/api/auth/session")).json().catch(() => null)) as {
      user?: unknown;
    } | null;
    if (session?.user) {
      await page.goto("/");
      if (new URL(page.url()).pathname === "/") {
        await expect(page.getByRole("banner")).toContainText(kept.name);
        return kept.name;
      }
    }
    signedIn.delete(who);
    await page.context().clearCookies();
  }
  const name = await signIn();
  signedIn.set(who, { name, cookies: await page.context().cookies() });
  return name;
}

/** Signs in through the real demo sign-in page by clicking the suggested person
 *  for a role (or resumes this worker's session of theirs); returns that person's name. */
export async function signInAs(page: Page, role: DemoRole): Promise<string> {
  return startSignedIn(page, `role: ${role}`, async () => {
    await page.goto("/signin");
    const card = page.locator(".picker-card", { hasText: role });
    await expect(card).toBeVisible();
    const name = (await card.locator(".strong").innerText()).trim();
    await card.click();
    await page.waitForURL("/");
    await expect(page.getByRole("banner")).toContainText(name);
    return name;
  });
}

/** No WCAG violations that axe can find on the page as it is now. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const found = result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(found).toEqual([]);
}

/** Signs in through the demo picker as one named person (or resumes this worker's session of theirs). */
export async function signInAsPerson(page: Page, person: { name: string; title: string }): Promise<void> {
  await startSignedIn(page, `person: ${person.name}, ${person.title}`, async () => {
    await page.goto("/signin");
    await page.getByLabel("Find anyone by name, title or department").fill(person.name);
    await page.getByRole("button", { name: `Sign in as ${person.name}, ${person.title}` }).click();
    await page.waitForURL("/");
    await expect(page.getByRole("banner")).toContainText(person.name);
    return person.name;
  });
}

const trpcQueryUrl = (path: string, input?: unknown) =>
  `/api/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`;

async function dataOf<T>(path: string, response: APIResponse): Promise<T> {
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return (await response.json()).result.data.json as T;
}

/** A tRPC query over HTTP as the signed-in person; fails the test unless it answers 200. */
export async function trpcGet<T>(request: APIRequestContext, path: string, input?: unknown): Promise<T> {
  return dataOf<T>(path, await request.get(trpcQueryUrl(path, input)));
}

/**
 * A tRPC query over HTTP for a test about something else than rate limits:
 * a 429 (the person read many results in tests that ran before on this
 * worker's server) is waited out as its Retry-After says, as a client would.
 * Returns the answer that came after, whatever its status.
 */
export async function requestWithinLimits(
  request: APIRequestContext,
  path: string,
  input?: unknown,
): Promise<APIResponse> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const response = await request.get(trpcQueryUrl(path, input));
    if (response.status() !== 429) return response;
    await new Promise((resolve) => setTimeout(resolve, 1000 * Number(response.headers()["retry-after"] ?? 2)));
  }
  throw new Error(`${path}: still rate-limited after waiting five times`);
}

/** trpcGet, with 429s waited out (requestWithinLimits); the answer must then be 200. */
export async function trpcGetWithinLimits<T>(request: APIRequestContext, path: string, input?: unknown): Promise<T> {
  return dataOf<T>(path, await requestWithinLimits(request, path, input));
}

/** A tRPC mutation over HTTP as the signed-in person; fails the test unless it answers 200. */
export async function trpcPost<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  return dataOf<T>(path, await request.post(`/api/trpc/${path}`, { data: { json: input } }));
}

/** A real person of the demo and their email, for sign-in flows that start
 *  signed out: the demo picker is the quickest way to learn one; then sign out. */
export async function someoneToSignInAs(page: Page, role: DemoRole): Promise<{ name: string; email: string }> {
  await signInAs(page, role);
  const viewer = await trpcGet<{ name: string; email: string }>(page.request, "session.viewer");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin/);
  return viewer;
}

/**
 * Keeps the signed-in session as a Playwright storage state in
 * E2E_STORAGE_DIR, when it is set: screenshots of the pages (with
 * `--storage`) start from it. Without it nothing is written.
 */
export async function keepSession(page: Page, name: string): Promise<void> {
  const folder = process.env.E2E_STORAGE_DIR;
  if (folder) await page.context().storageState({ path: `${folder}/${name}.json` });
}
