import { describe, expect, it } from "vitest";
import { checkReadiness } from "./readiness";

describe("readiness", () => {
  it("is ready when the database answers", async () => {
    await expect(checkReadiness(async () => [{ "?column?": 1 }])).resolves.toEqual({ ready: true });
  });

  it("is not ready when the database refuses, without repeating its error", async () => {
    const refusing = () => Promise.reject(new Error("connect ECONNREFUSED db.internal:5432 as postgres"));
    const readiness = await checkReadiness(refusing);
    expect(readiness).toEqual({ ready: false, reason: "The database does not answer." });
  });

  it("is not ready when the database takes longer than the limit", async () => {
    const hanging = () => new Promise(() => {});
    await expect(checkReadiness(hanging, 20)).resolves.toEqual({
      ready: false,
      reason: "The database did not answer within 0.02 s.",
    });
  });
});
