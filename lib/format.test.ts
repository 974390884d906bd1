import { describe, expect, it } from "vitest";
import { daysUntil, describeDue, formatDay, percent, plural } from "./format";

describe("formatting", () => {
  const today = new Date("2026-11-28T15:00:00Z");

  it("counts calendar days to a due date, whatever the time of day", () => {
    expect(daysUntil("2026-11-28", today)).toBe(0);
    expect(daysUntil("2026-12-11", today)).toBe(13);
    expect(daysUntil("2026-11-27", today)).toBe(-1);
  });

  it("says when something is due in words", () => {
    expect(describeDue("2026-11-28", today)).toBe("due today");
    expect(describeDue("2026-11-29", today)).toBe("due tomorrow");
    expect(describeDue("2026-12-11", today)).toBe("due in 13 days");
    expect(describeDue("2026-11-26", today)).toBe("closed 2 days ago");
  });

  it("formats a day the same in every time zone", () => {
    expect(formatDay("2026-12-11")).toBe("Fri, 11 Dec 2026");
  });

  it("rounds percentages and never divides by zero", () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(0, 0)).toBe(0);
    expect(plural(1, "request")).toBe("1 request");
    expect(plural(2, "reply", "replies")).toBe("2 replies");
    expect(plural(48925, "person", "people")).toBe("48,925 people");
  });
});
