/**
 * A database that does not answer: procedures say so with 503 and a sentence
 * a person can act on, never a 500, and never as if the caller had been
 * signed out. The database here is a real postgres.js client aimed at a port
 * where nothing listens, so the driver fails exactly as in an outage.
 */
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "../db/engines";
import { findActiveViewer } from "../db/queries/people";
import * as schema from "../db/schema";
import { createCaller } from "./root";
import { createTRPCContext } from "./trpc";

const client = postgres("postgres://postgres@127.0.0.1:1/nothing", { connect_timeout: 2, max: 1, onnotice: () => {} });
const unreachable = drizzle({ client, schema }) as unknown as Db;
afterAll(() => client.end({ timeout: 1 }));

const someone = {
  id: "00000000-0000-4000-8000-000000000001",
  name: "Rater",
  email: "rater@example.com",
  roles: { manager: false, hr: false, admin: false },
};

async function refusal(call: () => Promise<unknown>): Promise<TRPCError> {
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe("when the database does not answer", () => {
  it("a query answers 503 with what to do", async () => {
    const error = await refusal(() =>
      createCaller({ db: unreachable, user: someone, headers: new Headers() }).inbox.mine(),
    );
    expect(error.code).toBe("SERVICE_UNAVAILABLE");
    expect(getHTTPStatusCodeFromError(error)).toBe(503);
    expect(error.message).toBe("The database is not answering just now. Nothing was lost: try again in a moment.");
  });

  it("a submit answers 503 too, so the form keeps the answers and tries again", async () => {
    const caller = createCaller({ db: unreachable, user: someone, headers: new Headers() });
    const error = await refusal(() =>
      caller.requests.submit({ assignmentId: someone.id, answers: { ratings: {}, comments: {} } }),
    );
    expect(getHTTPStatusCodeFromError(error)).toBe(503);
  });

  it("finding out who is signed in fails as 503, not as being signed out", async () => {
    // The app's own handle (server/db/index.ts) is this unreachable database too,
    // rather than the default embedded folder.
    (globalThis as { __undercurrentDb?: Promise<unknown> }).__undercurrentDb = Promise.resolve({ db: unreachable });
    const error = await refusal(() =>
      createTRPCContext({ headers: new Headers(), getUser: () => findActiveViewer(unreachable, someone.id) }),
    );
    expect(error.code).toBe("SERVICE_UNAVAILABLE");
  });
});
