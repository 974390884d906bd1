import type { Relationship, RequestStatus } from "../../lib/vocabulary";
/**
 * Reminders for raters, as pure functions: who is due one, and what it says.
 * The SQL in server/db/queries/reminders.ts selects the same people and is
 * tested against `whoIsDue`.
 *
 * What a reminder may say: the recipient's own count of open requests, the
 * cycle's name and its closing day, and a link to their inbox. Never a name —
 * not the people they are asked about, not the other raters — so a mail
 * forwarded or read over a shoulder tells nobody who rates whom.
 */

/** The scheduled run reminds for cycles closing this many days from today. */
export const REMIND_DAYS_BEFORE_CLOSE = 3;

/** One feedback request of a collecting cycle, as far as reminders care. */
export interface RequestForReminder {
  raterId: string;
  raterActive: boolean;
  /** Requests about someone who has left are no longer asked (as in the inbox). */
  subjectActive: boolean;
  relationship: Relationship;
  status: RequestStatus;
}

export interface DueRater {
  raterId: string;
  /** Not started, or started and saved as a draft. */
  openRequests: number;
  selfReviewOpen: boolean;
}

/**
 * Everyone who should get a reminder now: active, with at least one open
 * request about an active person, and not reminded today (for any cycle: the
 * limit is one reminder per person per day). Sorted by rater id.
 */
export function whoIsDue(requests: readonly RequestForReminder[], remindedToday: ReadonlySet<string>): DueRater[] {
  const due = new Map<string, DueRater>();
  for (const r of requests) {
    if (!r.raterActive || !r.subjectActive) continue;
    if (r.status !== "pending" && r.status !== "in_progress") continue;
    if (remindedToday.has(r.raterId)) continue;
    const rater = due.get(r.raterId) ?? { raterId: r.raterId, openRequests: 0, selfReviewOpen: false };
    rater.openRequests += 1;
    if (r.relationship === "self") rater.selfReviewOpen = true;
    due.set(r.raterId, rater);
  }
  return [...due.values()].sort((a, b) => (a.raterId < b.raterId ? -1 : a.raterId > b.raterId ? 1 : 0));
}

export interface ReminderText {
  subject: string;
  text: string;
}

/** The reminder one rater gets. Dates are calendar days, 'YYYY-MM-DD'. */
export function reminderMail(input: {
  cycleName: string;
  closesOn: string;
  today: string;
  openRequests: number;
  selfReviewOpen: boolean;
  appUrl: string;
}): ReminderText {
  const { cycleName, openRequests: n, selfReviewOpen } = input;
  const requests = `${n} feedback request${n === 1 ? "" : "s"}`;
  const what =
    n === 1 && selfReviewOpen
      ? `Your self-review for ${cycleName} is still open.`
      : `You have ${requests} still open in ${cycleName}${selfReviewOpen ? ", including your self-review" : ""}.`;
  const days = daysBetween(input.today, input.closesOn);
  const when = days <= 0 ? "today" : days === 1 ? "tomorrow" : `in ${days} days`;
  const inbox = `${input.appUrl.replace(/\/+$/, "")}/`;
  return {
    subject:
      n === 1 && selfReviewOpen ? `Your self-review for ${cycleName}` : `${requests} waiting for you in ${cycleName}`,
    text: [
      "Hello,",
      "",
      `${what} The cycle closes on ${longDay(input.closesOn)}, ${when}.`,
      "",
      "Each request takes a few minutes, and your answers are kept as a draft until you submit. The form says before you start whether your answers are anonymous.",
      "",
      `Open your requests: ${inbox}`,
      "",
      "Undercurrent",
    ].join("\n"),
  };
}

// ---------------------------------------------------------------- calendar days (UTC)

export function isoDay(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "Tuesday 1 December 2026", spelled out here so that it reads the same whatever the server's locale data. */
function longDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
