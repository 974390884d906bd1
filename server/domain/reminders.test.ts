import { describe, expect, it } from "vitest";
import { addDays, isoDay, reminderMail, type RequestForReminder, whoIsDue } from "./reminders";

const request = (raterId: string, over: Partial<RequestForReminder> = {}): RequestForReminder => ({
  raterId,
  raterActive: true,
  subjectActive: true,
  relationship: "peer",
  status: "pending",
  ...over,
});

describe("whoIsDue", () => {
  it("counts each rater's open requests, not started and drafts alike", () => {
    const due = whoIsDue(
      [
        request("b"),
        request("b", { status: "in_progress" }),
        request("b", { status: "submitted" }),
        request("b", { status: "declined" }),
        request("a", { relationship: "self" }),
      ],
      new Set(),
    );
    expect(due).toEqual([
      { raterId: "a", openRequests: 1, selfReviewOpen: true },
      { raterId: "b", openRequests: 2, selfReviewOpen: false },
    ]);
  });

  it("leaves out people with nothing open, people who have left, and people reminded today", () => {
    const due = whoIsDue(
      [
        request("done", { status: "submitted" }),
        request("declined", { status: "declined" }),
        request("left", { raterActive: false }),
        request("about-someone-who-left", { subjectActive: false }),
        request("reminded"),
        request("due"),
      ],
      new Set(["reminded"]),
    );
    expect(due.map((d) => d.raterId)).toEqual(["due"]);
  });

  it("does not count a request about someone who has left", () => {
    const due = whoIsDue([request("a"), request("a", { subjectActive: false })], new Set());
    expect(due).toEqual([{ raterId: "a", openRequests: 1, selfReviewOpen: false }]);
  });
});

describe("reminderMail", () => {
  const base = {
    cycleName: "Autumn 2026 review",
    closesOn: "2026-12-01",
    today: "2026-11-28",
    openRequests: 3,
    selfReviewOpen: false,
    appUrl: "https://feedback.example.com",
  };

  it("gives the count, the cycle, the closing day and a link to the inbox", () => {
    const mail = reminderMail(base);
    expect(mail.subject).toBe("3 feedback requests waiting for you in Autumn 2026 review");
    expect(mail.text).toContain("You have 3 feedback requests still open in Autumn 2026 review.");
    expect(mail.text).toContain("closes on Tuesday 1 December 2026, in 3 days.");
    expect(mail.text).toContain("https://feedback.example.com/\n");
  });

  it("mentions the self-review without naming anyone", () => {
    expect(reminderMail({ ...base, selfReviewOpen: true }).text).toContain(
      "3 feedback requests still open in Autumn 2026 review, including your self-review.",
    );
    const onlySelf = reminderMail({ ...base, openRequests: 1, selfReviewOpen: true });
    expect(onlySelf.subject).toBe("Your self-review for Autumn 2026 review");
    expect(onlySelf.text).toContain("Your self-review for Autumn 2026 review is still open.");
    expect(reminderMail({ ...base, openRequests: 1 }).text).toContain("You have 1 feedback request still open");
  });

  it("says tomorrow and today near the end", () => {
    expect(reminderMail({ ...base, today: "2026-11-30" }).text).toContain("December 2026, tomorrow.");
    expect(reminderMail({ ...base, today: "2026-12-01" }).text).toContain("December 2026, today.");
  });

  it("links to the inbox whether or not APP_URL ends with a slash, and keeps its path", () => {
    expect(reminderMail({ ...base, appUrl: "http://localhost:3000/" }).text).toContain(
      "Open your requests: http://localhost:3000/\n",
    );
    expect(reminderMail({ ...base, appUrl: "https://intranet.example.com/feedback" }).text).toContain(
      "https://intranet.example.com/feedback/\n",
    );
  });

  it("is short plain text with no name in it: nothing but the counts, the cycle and the date", () => {
    const mail = reminderMail(base);
    expect(mail.text.split("\n").length).toBeLessThanOrEqual(10);
    // The only capitalised words are sentence starts, the cycle, the date and the signature.
    const words = new Set(mail.text.match(/\b[A-Z][a-z]+\b/g));
    expect([...words].sort()).toEqual([
      "Autumn",
      "December",
      "Each",
      "Hello",
      "Open",
      "The",
      "Tuesday",
      "Undercurrent",
      "You",
    ]);
  });
});

describe("calendar days", () => {
  it("are UTC days, and add across months and years", () => {
    expect(isoDay(new Date("2026-11-28T23:59:00Z"))).toBe("2026-11-28");
    expect(addDays("2026-11-28", 3)).toBe("2026-12-01");
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
  });
});
