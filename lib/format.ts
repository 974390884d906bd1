/** Formatting shared by server and client renders. Dates are calendar days
 *  ('YYYY-MM-DD') and are formatted in UTC so both renders agree. */

export function formatDay(isoDate: string): string {
  return new Date(`${isoDate}T00:00:00Z`).toLocaleDateString("en-GB", {
    timeZone: "UTC",
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
  });
}

export function daysUntil(isoDate: string, today: Date = new Date()): number {
  const due = Date.parse(`${isoDate}T00:00:00Z`);
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.round((due - start) / 86_400_000);
}

export function describeDue(isoDate: string, today: Date = new Date()): string {
  const days = daysUntil(isoDate, today);
  if (days < 0) return `closed ${-days} day${days === -1 ? "" : "s"} ago`;
  if (days === 0) return "due today";
  if (days === 1) return "due tomorrow";
  return `due in ${days} days`;
}

export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}

/** "1 request", "2 replies", "48,925 people": thousands grouped, as an organisation's counts need. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en")} ${count === 1 ? one : many}`;
}

/** A moment to the minute, in UTC so that the server's render and the browser's agree: "28 Nov 2026, 12:21 UTC". */
export function formatMomentUtc(at: Date): string {
  return `${at.toLocaleString("en-GB", {
    timeZone: "UTC",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  })} UTC`;
}
