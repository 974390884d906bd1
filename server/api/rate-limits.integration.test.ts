/**
 * Rate limits through the real router: reading results (the way differencing
 * attacks are made) and submitting are counted per person; over the limit a
 * call is refused with 429 and when to try again, before it touches anything.
 * The HTTP answer (status and Retry-After) is in e2e/http-hardening.spec.ts.
 */
import { TRPCError } from "@trpc/server";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { RateLimiter } from "../rate-limit/limiter";
import { RATE_LIMITS, type RateLimited } from "./rate-limits";
import { createCaller } from "./root";
import type { ContextUser } from "./trpc";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

function person(roles: Partial<ContextUser["roles"]> = {}): ContextUser {
  const id = randomUUID();
  return {
    id,
    name: `Person ${id.slice(0, 4)}`,
    email: `${id}@example.com`,
    roles: { manager: false, hr: false, admin: false, ...roles },
  };
}

function world() {
  let now = 1_000_000;
  const limiter = new RateLimiter(() => now);
  return {
    caller: (user: ContextUser) => createCaller({ db: database.db, user, headers: new Headers(), limiter }),
    wait: (seconds: number) => (now += seconds * 1000),
  };
}

/** The error code of a call, or "allowed" (whatever the procedure itself answered otherwise). */
async function limited(
  call: () => Promise<unknown>,
): Promise<{ limited: false } | { limited: true; message: string; retryAfter: number }> {
  try {
    await call();
    return { limited: false };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    if (error.code !== "TOO_MANY_REQUESTS") return { limited: false };
    return { limited: true, message: error.message, retryAfter: (error.cause as RateLimited).retryAfterSeconds };
  }
}

describe("reading results", () => {
  it("allows a burst, then refuses with when to try again, and lets the person in after that wait", async () => {
    const { caller, wait } = world();
    const employee = caller(person());
    for (let i = 0; i < RATE_LIMITS.results.burst; i++)
      expect(await limited(() => employee.reports.mine({}))).toEqual({ limited: false });
    const refused = await limited(() => employee.reports.mine({}));
    expect(refused).toEqual({
      limited: true,
      message: "Too many requests in a short time. Try again in 2 s.",
      retryAfter: 2,
    });
    wait(2);
    expect(await limited(() => employee.reports.mine({}))).toEqual({ limited: false });
  });

  it("is one budget across the finder, evidence, the organisation view and the team views", async () => {
    const { caller } = world();
    const hr = caller(person({ hr: true, manager: true }));
    const calls = [
      () => hr.finder.view({ cycleId: NO_SUCH_ID }),
      () => hr.finder.evidence({ cycleId: NO_SUCH_ID, subjectId: NO_SUCH_ID }),
      () => hr.organisation.overview({ cycleId: NO_SUCH_ID }),
      () => hr.team.heatmap({ cycleId: NO_SUCH_ID }),
      () => hr.team.profile({ cycleId: NO_SUCH_ID, subjectId: NO_SUCH_ID }),
      () => hr.reports.mine({}),
    ];
    for (let i = 0; i < RATE_LIMITS.results.burst; i++)
      expect((await limited(calls[i % calls.length]!)).limited).toBe(false);
    for (const call of calls) expect((await limited(call)).limited).toBe(true);
  });

  it("is counted per person, and apart from submitting", async () => {
    const { caller } = world();
    const busy = caller(person());
    for (let i = 0; i <= RATE_LIMITS.results.burst; i++) await limited(() => busy.reports.mine({}));
    expect((await limited(() => busy.reports.mine({}))).limited).toBe(true);
    expect((await limited(() => caller(person()).reports.mine({}))).limited).toBe(false);
    expect(
      (await limited(() => busy.requests.submit({ assignmentId: NO_SUCH_ID, answers: { ratings: {}, comments: {} } })))
        .limited,
    ).toBe(false);
  });

  it("refuses a signed-out or unauthorised caller for that reason, without spending their budget", async () => {
    const { caller } = world();
    const employee = person();
    for (let i = 0; i < RATE_LIMITS.results.burst + 5; i++) {
      await expect(caller(employee).finder.view({ cycleId: NO_SUCH_ID })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect((await limited(() => caller(employee).reports.mine({}))).limited).toBe(false);
  });
});

describe("submitting", () => {
  it("allows a burst of submits and declines together, then refuses until the steady rate allows one more", async () => {
    const { caller, wait } = world();
    const rater = caller(person());
    const submit = () => rater.requests.submit({ assignmentId: NO_SUCH_ID, answers: { ratings: {}, comments: {} } });
    const decline = () => rater.requests.decline({ assignmentId: NO_SUCH_ID, reason: null });
    for (let i = 0; i < RATE_LIMITS.submit.burst; i++)
      expect((await limited(i % 2 ? submit : decline)).limited).toBe(false);
    expect(await limited(submit)).toMatchObject({ limited: true, retryAfter: 3 });
    wait(3);
    expect((await limited(submit)).limited).toBe(false);
    expect((await limited(decline)).limited).toBe(true);
  });

  it("saving drafts has its own, larger budget", async () => {
    const { caller } = world();
    const rater = caller(person());
    const save = () =>
      rater.requests.saveDraft({ assignmentId: NO_SUCH_ID, answers: { ratings: {}, comments: {} }, basedOnVersion: 0 });
    for (let i = 0; i < RATE_LIMITS.drafts.burst; i++) expect((await limited(save)).limited).toBe(false);
    expect((await limited(save)).limited).toBe(true);
  });
});
