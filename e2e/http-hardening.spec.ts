import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { forgetEvidence, recordEvidence } from "../test/evidence";
import { signInAs, signInAsPerson, trpcGet } from "./helpers";

/**
 * What the server promises at the HTTP level: pages carry a nonce-based
 * Content-Security-Policy (and the app runs under it without a single
 * violation), cannot be framed and do not advertise the framework; writes
 * must be JSON from the app's own origin; and the middleware-bypass header
 * of CVE-2025-29927 changes nothing, because access is checked by every page
 * and procedure, not in front of them.
 */

function nonceOf(policy: string | undefined): string {
  const nonce = /'nonce-([^']+)'/.exec(policy ?? "")?.[1];
  expect(nonce, `a nonce in ${policy}`).toBeTruthy();
  return nonce!;
}

/** Every policy violation the browser reports while `work` runs. */
async function violationsDuring(page: Page, work: () => Promise<void>): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text()))
      violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) =>
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  await work();
  return violations;
}

test("pages carry a fresh nonce policy, every script has the nonce, and nothing frames or fingerprints them", async ({
  request,
}) => {
  const first = await request.get("/signin");
  const second = await request.get("/signin");
  const policy = first.headers()["content-security-policy"];
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(nonceOf(policy)).not.toBe(nonceOf(second.headers()["content-security-policy"]));

  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts)
    expect(tag, "every script carries this response's nonce").toContain(`nonce="${nonceOf(policy)}"`);

  // Without a trusted proxy, a client's X-Forwarded-Proto does not turn the plain-http policy into an https one.
  const claimed = await request.get("/signin", {
    headers: { "x-forwarded-proto": "https", "x-forwarded-host": "evil.example" },
  });
  expect(claimed.headers()["content-security-policy"]).not.toContain("upgrade-insecure-requests");
  expect(policy).not.toContain("upgrade-insecure-requests");

  for (const response of [
    first,
    await request.get("/api/auth/session"),
    await request.get("/api/trpc/session.viewer"),
  ]) {
    const headers = response.headers();
    expect(headers["x-powered-by"]).toBeUndefined();
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["strict-transport-security"], "npm start serves a production build").toContain("max-age=");
  }
});

test("the app runs under its policy: sign-in, the inbox, a report with its chart, the finder", async ({ page }) => {
  const violations = await violationsDuring(page, async () => {
    await signInAs(page, "HR and administrators");
    await page.goto("/report");
    await expect(page.getByRole("heading", { level: 1, name: "My report" })).toBeVisible();
    await page.goto("/finder");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });
  expect(violations).toEqual([]);

  // The watch works, and the policy bites: markup slipped into the page, as in
  // cross-site scripting, may not run its inline handler, and is reported.
  await page.evaluate(() =>
    document.body.insertAdjacentHTML("beforeend", '<img src="data:," onerror="window.__injected = true">'),
  );
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
});

test("writes must be JSON from the app's own origin; refused ones change nothing", async ({ page }) => {
  const suite = "HTTP tricks: cross-site writes";
  forgetEvidence(suite);
  await signInAs(page, "Employees");
  type Inbox = { requests: { assignmentId: string; state: string }[] }[];
  const open = (await trpcGet<Inbox>(page.request, "inbox.mine"))
    .flatMap((cycle) => cycle.requests)
    .find((r) => r.state === "not_started" || r.state === "draft");
  expect(open, "the demo employee has an open request").toBeDefined();
  const body = JSON.stringify({ json: { assignmentId: open!.assignmentId, reason: "cross-site" } });
  const decline = (headers: Record<string, string>) =>
    page.request.post("/api/trpc/requests.decline", { headers, data: body });

  // What a form or a script on another site can send without a preflight.
  for (const type of ["text/plain", "application/x-www-form-urlencoded"]) {
    const response = await decline({ "content-type": type });
    expect(response.status(), type).toBe(415);
  }
  const foreign = await decline({ "content-type": "application/json", origin: "https://evil.example" });
  expect(foreign.status()).toBe(403);
  expect((await foreign.json()).error.message).toContain("another site");
  // Forwarded headers that name the foreign site vouch for nothing: no proxy is trusted here (TRUST_PROXY unset).
  const forwarded = await decline({
    "content-type": "application/json",
    origin: "https://evil.example",
    "x-forwarded-host": "evil.example",
    "x-forwarded-proto": "https",
  });
  expect(forwarded.status()).toBe(403);

  const after = (await trpcGet<Inbox>(page.request, "inbox.mine")).flatMap((cycle) => cycle.requests);
  expect(after.find((r) => r.assignmentId === open!.assignmentId)?.state).toBe(open!.state);

  // The same request from the app's own origin reaches the procedure (here refused for its input).
  const own = await page.request.post("/api/trpc/requests.decline", {
    headers: { "content-type": "application/json", origin: new URL(page.url()).origin },
    data: JSON.stringify({ json: { assignmentId: "not-a-uuid", reason: null } }),
  });
  expect(own.status()).toBe(400);
  recordEvidence(suite, [
    {
      what: "writes without JSON or from another origin",
      value:
        "text/plain and form-encoded → 415, a foreign Origin → 403 (also with a matching X-Forwarded-Host); the request they aimed at unchanged",
      ok: true,
    },
  ]);
});

test("the middleware-bypass header changes nothing", async ({ request }) => {
  const suite = "HTTP tricks: middleware bypass";
  forgetEvidence(suite);
  const variants = [
    "proxy:proxy:proxy:proxy:proxy",
    "middleware:middleware:middleware:middleware:middleware",
    "src/proxy",
    "proxy",
  ];
  for (const value of variants) {
    const headers = { "x-middleware-subrequest": value };
    const page = await request.get("/report", { headers, maxRedirects: 0 });
    expect(page.status(), value).toBe(307);
    expect(page.headers().location).toContain("/signin");
    expect(page.headers()["content-security-policy"], "the proxy still ran").toContain("'nonce-");
    const procedure = await request.get("/api/trpc/reports.mine", { headers });
    expect(procedure.status(), value).toBe(401);
  }
  recordEvidence(suite, [
    {
      what: "x-middleware-subrequest variants",
      value: `${variants.length}: a page still redirects to sign-in, a procedure still answers 401, the proxy still ran`,
      ok: true,
    },
  ]);
});

test("reading results too fast is refused with 429 and when to try again", async ({ page, request }) => {
  const suite = "HTTP tricks: repeated slicing";
  forgetEvidence(suite);
  // Someone no other spec signs in as, so that their spent budget troubles nobody.
  type Pickable = { name: string; title: string; roles: { manager: boolean; hr: boolean; admin: boolean } };
  const people = await trpcGet<Pickable[]>(request, "demo.people");
  const quiet = people.filter((p) => !p.roles.manager && !p.roles.hr && !p.roles.admin).at(-1)!;
  await signInAsPerson(page, quiet);

  const ask = () =>
    page.request.get(`/api/trpc/reports.mine?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`);
  const statuses: number[] = [];
  let refused = false;
  for (let i = 0; i < 40 && !refused; i++) {
    statuses.push((await ask()).status());
    refused = statuses.at(-1) === 429;
  }
  expect(refused, `statuses: ${statuses.join(",")}`).toBe(true);
  expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
  const again = await ask();
  expect(again.status()).toBe(429);
  expect(Number(again.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  const body = (await again.json()) as { error: { json: { message: string } } };
  expect(body.error.json.message).toMatch(/^Too many requests in a short time\. Try again in \d+ s\.$/);
  recordEvidence(suite, [
    {
      what: "results read as fast as possible",
      value: `${statuses.length - 1} answered, then 429 with Retry-After ${again.headers()["retry-after"]} s and "${body.error.json.message}"`,
      ok: true,
    },
  ]);
});

test("a load balancer can ask whether the server is alive and ready, without signing in and without a cached answer", async ({
  request,
}) => {
  const alive = await request.get("/api/health");
  expect(alive.status()).toBe(200);
  expect(await alive.json()).toEqual({ status: "alive" });
  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ status: "ready" });
  for (const answer of [alive, ready]) expect(answer.headers()["cache-control"]).toBe("no-store");
});

test("every API answer carries the id its log lines would have, and a client cannot choose it", async ({ request }) => {
  const answer = await request.get("/api/trpc/session.viewer", { headers: { "x-request-id": "chosen-by-the-client" } });
  expect(answer.status()).toBe(401);
  expect(answer.headers()["x-request-id"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
});
