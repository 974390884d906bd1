import { describe, expect, it } from "vitest";
import { drainingResponse, isDraining, startDraining } from "./draining";

describe("draining", () => {
  it("turns on once SIGTERM arrives, and then answers 503 with when to retry", async () => {
    expect(isDraining()).toBe(false);
    startDraining();
    expect(isDraining()).toBe(true);
    const response = drainingResponse();
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(await response.json()).toEqual({ error: { message: "This server is restarting. Try again in a moment." } });
  });
});
