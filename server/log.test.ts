import { describe, expect, it } from "vitest";
import { errorFields, logLine } from "./log";

describe("log lines", () => {
  it("are one JSON object per line with the time, level, message and the fields named", () => {
    const line = logLine(
      "error",
      "tRPC call failed",
      { path: "requests.submit", requestId: "r-1", skipped: undefined },
      new Date("2026-12-03T07:00:00Z"),
    );
    expect(line).not.toContain("\n");
    expect(JSON.parse(line)).toEqual({
      time: "2026-12-03T07:00:00.000Z",
      level: "error",
      msg: "tRPC call failed",
      path: "requests.submit",
      requestId: "r-1",
    });
  });

  it("log an error by its kind and message, without its stack", () => {
    const error = new TypeError("boom");
    expect(errorFields(error)).toEqual({ error: "TypeError", message: "boom" });
    expect(JSON.stringify(errorFields(error))).not.toContain("at ");
    expect(errorFields("plain")).toEqual({ error: "non-error", message: "plain" });
  });
});
