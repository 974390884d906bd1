import { describe, expect, it } from "vitest";
import { describeEntry } from "./audit-log";

describe("audit entries in words", () => {
  it("says what each action did, with its counts", () => {
    expect(describeEntry({ action: "evidence.view", subject: "Ada Obi", details: null })).toBe(
      "Opened the evidence of Ada Obi",
    );
    expect(
      describeEntry({
        action: "people.import",
        subject: null,
        details: { added: 3, changed: 1, deactivated: 0, unchanged: 140 },
      }),
    ).toBe("Imported the org chart (3 added, 1 changed)");
    expect(describeEntry({ action: "people.import", subject: null, details: { added: 0, unchanged: 144 } })).toBe(
      "Imported the org chart (no changes)",
    );
    expect(
      describeEntry({ action: "reminders.send", subject: null, details: { sent: 42, skipped: 3, failed: 0 } }),
    ).toBe("Sent reminders to 42 people; 3 already had one today");
    expect(describeEntry({ action: "reminders.send", subject: null, details: { sent: 1, skipped: 0 } })).toBe(
      "Sent reminders to 1 person",
    );
    expect(describeEntry({ action: "sessions.revoke", subject: "Ada Obi", details: null })).toBe(
      "Signed Ada Obi out everywhere",
    );
    expect(describeEntry({ action: "something.new", subject: null, details: null })).toBe("something.new");
  });
});
