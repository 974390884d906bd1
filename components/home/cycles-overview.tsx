"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/trpc/react";
import { Badge } from "../ui/badge";
import { CountedDaily } from "../ui/counted-daily";
import { formatDay } from "@/lib/format";
import { cycleStatusLabel } from "../ui/labels";
import { ProgressBar } from "../ui/progress-bar";
import { QueryState } from "../ui/query-state";

/** Every cycle with its response rate, each linking to its page. On the home
 *  page it leads to cycle administration; on /cycles it is the list itself. */
export function CyclesOverview({
  heading = "Feedback cycles",
  manageLink = true,
}: {
  heading?: string;
  manageLink?: boolean;
}) {
  const trpc = useTRPC();
  const query = useQuery(trpc.cycles.overview.queryOptions());
  return (
    <section className="card" aria-labelledby="cycles-heading">
      <div className="row-between">
        <h2 id="cycles-heading">{heading}</h2>
        {manageLink && (
          <Link href="/cycles" className="button button-secondary">
            Manage cycles
          </Link>
        )}
      </div>
      <QueryState query={query} what="feedback cycles">
        {(cycles) =>
          cycles.length === 0 ? (
            <p className="empty">No feedback cycles yet.</p>
          ) : (
            <div className="stack">
              {cycles.map((cycle) => {
                const [statusText, tone] = cycleStatusLabel[cycle.status];
                const answerable = cycle.requests.total - cycle.requests.declined;
                // Draft and nominating cycles have no requests yet: nothing to count.
                const started = cycle.requests.total > 0;
                return (
                  <article key={cycle.id} className="cycle" aria-labelledby={`cycle-${cycle.id}`}>
                    <div className="row-between">
                      <div>
                        <h3 id={`cycle-${cycle.id}`}>
                          <Link href={`/cycles/${cycle.id}`}>{cycle.name}</Link>
                        </h3>
                        <p className="muted small">
                          {formatDay(cycle.opensOn)} – {formatDay(cycle.closesOn)} ·{" "}
                          {started && `${cycle.subjects} people reviewed · `}groups of at least {cycle.minGroupSize}
                        </p>
                      </div>
                      <Badge tone={tone}>{statusText}</Badge>
                    </div>
                    {started ? (
                      <>
                        <ProgressBar
                          value={cycle.requests.submitted}
                          max={answerable}
                          label={`${cycle.name}: response rate`}
                        />
                        <p className="small">
                          {cycle.status === "closed" || cycle.status === "published"
                            ? `${cycle.requests.submitted} submitted · ${cycle.requests.inProgress + cycle.requests.notStarted} not answered · ${cycle.requests.declined} declined`
                            : `${cycle.requests.submitted} submitted · ${cycle.requests.inProgress} in progress · ${cycle.requests.notStarted} not started · ${cycle.requests.declined} declined`}
                        </p>
                        {cycle.countedOn && <CountedDaily countedOn={cycle.countedOn} />}
                      </>
                    ) : (
                      <p className="small muted">
                        {cycle.status === "draft"
                          ? "Draft: only HR sees it. Nothing has been sent."
                          : "Peers are being nominated. Feedback requests go out when collection starts."}
                      </p>
                    )}
                    {cycle.requests.total > 0 && (
                      <p className="small">
                        <Link href={`/cycles/${cycle.id}`}>Progress by department</Link>
                      </p>
                    )}
                  </article>
                );
              })}
            </div>
          )
        }
      </QueryState>
    </section>
  );
}
