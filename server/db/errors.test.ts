import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./errors";

const wrapped = (cause: unknown) => Object.assign(new Error("Failed query: select 1"), { cause });

describe("isDatabaseUnavailable", () => {
  it("knows a database that cannot be reached or is shutting down, however deeply wrapped", () => {
    expect(
      isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(
        wrapped(Object.assign(new Error("write CONNECTION_CLOSED"), { code: "CONNECTION_CLOSED" })),
      ),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(
        wrapped(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" })),
      ),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(wrapped(Object.assign(new Error("the database system is starting up"), { code: "57P03" }))),
    ).toBe(true);
    expect(isDatabaseUnavailable(wrapped(Object.assign(new Error("connection failure"), { code: "08006" })))).toBe(
      true,
    );
    const refusedEverywhere = new AggregateError(
      [Object.assign(new Error("refused"), { code: "ECONNREFUSED" })],
      "all failed",
    );
    expect(isDatabaseUnavailable(refusedEverywhere)).toBe(true);
  });

  it("leaves real failures alone", () => {
    expect(isDatabaseUnavailable(wrapped(Object.assign(new Error("duplicate key"), { code: "23505" })))).toBe(false);
    expect(isDatabaseUnavailable(wrapped(Object.assign(new Error("syntax error"), { code: "42601" })))).toBe(false);
    expect(isDatabaseUnavailable(new Error("something else"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
