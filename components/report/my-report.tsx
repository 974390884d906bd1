"use client";

import { useQuery } from "@tanstack/react-query";
import type { MyReport } from "./types";
import { useTRPC } from "@/trpc/react";
import { plural } from "@/lib/format";
import { QueryState } from "../ui/query-state";
import { Agreement } from "./agreement";
import { Comments } from "./comments";
import { CompetencyBars, Visibility } from "./competencies";
import { publishedOn } from "./figure-format";
import { Overview } from "./overview";
import { Trend } from "./trend";

export function MyReportPage({ cycleId }: { cycleId?: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.reports.mine.queryOptions({ cycleId }));
  return (
    <div className="stack report">
      <QueryState query={query} what="your report">
        {(report) =>
          report ? (
            <Report report={report} />
          ) : (
            <>
              <h1>My report</h1>
              <p className="empty">
                No report yet. Your report appears here once HR publishes a cycle you took part in.
              </p>
            </>
          )
        }
      </QueryState>
    </div>
  );
}

function Report({ report }: { report: MyReport }) {
  const k = report.cycle.minGroupSize;
  return (
    <>
      <header className="report-header">
        <div>
          <h1>My report</h1>
          <p className="lead">
            {report.cycle.name} · published {publishedOn(report.cycle.publishedAt)}
          </p>
          <p className="muted">
            Based on {plural(report.anonymousResponses, "anonymous response")} from peers and direct reports, with your
            self-review and your manager&apos;s review beside them. Anonymous figures are shown only when at least {k}{" "}
            people stand behind them.
          </p>
        </div>
        <div className="report-actions no-print">
          {report.cycles.length > 1 && <CycleSwitcher report={report} />}
          <button type="button" className="button button-secondary" onClick={() => window.print()}>
            Print
          </button>
        </div>
      </header>
      <Overview report={report} />
      <CompetencyBars report={report} />
      <Agreement report={report} />
      {report.visibility && <Visibility axis={report.visibility} k={k} />}
      <Comments report={report} />
      <Trend report={report} />
    </>
  );
}

/** A plain GET form, so switching cycles works before (and without) JavaScript. */
function CycleSwitcher({ report }: { report: MyReport }) {
  return (
    <form method="get" action="/report" className="report-switcher">
      <label htmlFor="report-cycle">Cycle</label>
      <select id="report-cycle" name="cycle" className="input" defaultValue={report.cycle.id}>
        {report.cycles.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-secondary">
        Show
      </button>
    </form>
  );
}
