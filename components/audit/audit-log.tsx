"use client";

import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import { useTRPC } from "@/trpc/react";
import { cycleStatusLabel } from "../ui/labels";
import { formatMomentUtc, plural } from "@/lib/format";
import { OlderPagesFooter, useOlderPages } from "../ui/older-pages";

type Entry = inferRouterOutputs<AppRouter>["audit"]["list"]["entries"][number];

function describeFilters(filters: unknown): string {
  if (!filters || typeof filters !== "object") return "the whole organisation";
  const { department, level, location } = filters as { department?: unknown; level?: unknown; location?: unknown };
  const parts = [
    typeof department === "string" ? department : null,
    typeof level === "number" ? `level ${level}` : null,
    typeof location === "string" ? location : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "the whole organisation";
}

/** What happened, in words. Unknown actions are shown as stored rather than hidden. */
export function describeEntry(entry: Pick<Entry, "action" | "subject" | "details">): string {
  const details = entry.details ?? {};
  switch (entry.action) {
    case "evidence.view":
      return `Opened the evidence of ${entry.subject ?? "a person no longer in the org chart"}`;
    case "shortlist.export": {
      const rows = typeof details.rows === "number" ? ` (${plural(details.rows, "person", "people")})` : "";
      return `Exported the shortlist${rows} of ${describeFilters(details.filters)}`;
    }
    case "cycle.advance": {
      const to = details.to;
      const label =
        typeof to === "string" && to in cycleStatusLabel
          ? cycleStatusLabel[to as keyof typeof cycleStatusLabel][0]
          : null;
      return label ? `Moved a cycle to “${label}”` : "Moved a cycle on";
    }
    case "people.import": {
      const count = (key: string) => (typeof details[key] === "number" ? (details[key] as number) : 0);
      const parts = [
        count("added") > 0 && `${count("added")} added`,
        count("changed") > 0 && `${count("changed")} changed`,
        count("reactivated") > 0 && `${count("reactivated")} reactivated`,
        count("deactivated") > 0 && `${count("deactivated")} deactivated`,
      ].filter(Boolean);
      return `Imported the org chart (${parts.length > 0 ? parts.join(", ") : "no changes"})`;
    }
    case "reminders.send": {
      const sent = typeof details.sent === "number" ? details.sent : 0;
      const skipped =
        typeof details.skipped === "number" && details.skipped > 0 ? `; ${details.skipped} already had one today` : "";
      return `Sent reminders to ${plural(sent, "person", "people")}${skipped}`;
    }
    case "sessions.revoke":
      return `Signed ${entry.subject ?? "a person no longer in the org chart"} out everywhere`;
    default:
      return entry.action;
  }
}

/** The log, newest first, a page at a time; "Show older" adds the next page below. */
export function AuditLog() {
  const trpc = useTRPC();
  const pages = useOlderPages(
    (before) => trpc.audit.list.queryOptions(before === undefined ? {} : { before }),
    (page) => page.entries,
  );
  const entries = pages.items;
  if (pages.loading) {
    return (
      <p className="muted" role="status">
        Loading the audit log…
      </p>
    );
  }
  return (
    <section className="card" aria-labelledby="audit-heading">
      <h2 id="audit-heading" className="visually-hidden">
        Entries
      </h2>
      {entries.length === 0 && !pages.failed ? (
        <p className="empty">
          Nothing recorded yet. Opening someone&apos;s evidence or exporting a shortlist adds an entry here.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="table table-stack">
            <caption className="visually-hidden">Audit log entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Cycle</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td data-label="When">{formatMomentUtc(entry.at)}</td>
                  <td data-label="Who">{entry.actor ?? "someone no longer in the org chart"}</td>
                  <th scope="row" data-label="What">
                    {describeEntry(entry)}
                  </th>
                  <td data-label="Cycle">{entry.cycle ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <OlderPagesFooter
        pages={pages}
        what="the audit log"
        shown={`${plural(entries.length, "entry", "entries")} shown`}
        olderLabel="Loading older entries…"
      />
    </section>
  );
}
