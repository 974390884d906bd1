"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { Badge } from "../ui/badge";
import { formatDay, percent } from "../ui/format";
import { cycleStatusLabel } from "../ui/labels";
import { ProgressBar } from "../ui/progress-bar";
import { QueryState } from "../ui/query-state";

export function CyclesOverview() {
  const trpc = useTRPC();
  const query = useQuery(trpc.cycles.overview.queryOptions());
  return (
    <section className="card" aria-labelledby="cycles-heading">
      <h2 id="cycles-heading">Feedback cycles</h2>
      <QueryState query={query} what="feedback cycles">
        {(cycles) =>
          cycles.length === 0 ? (
            <p className="empty">No feedback cycles yet.</p>
          ) : (
            <div className="stack">
              {cycles.map((cycle) => {
                const [statusText, tone] = cycleStatusLabel[cycle.status];
                const answerable = cycle.requests.total - cycle.requests.declined;
                return (
                  <article key={cycle.id} className="cycle" aria-labelledby={`cycle-${cycle.id}`}>
                    <div className="row-between">
                      <div>
                        <h3 id={`cycle-${cycle.id}`}>{cycle.name}</h3>
                        <p className="muted small">
                          {formatDay(cycle.opensOn)} – {formatDay(cycle.closesOn)} · {cycle.subjects} people reviewed ·
                          groups of at least {cycle.minGroupSize}
                        </p>
                      </div>
                      <Badge tone={tone}>{statusText}</Badge>
                    </div>
                    <ProgressBar value={cycle.requests.submitted} max={answerable} label={`${cycle.name}: response rate`} />
                    <p className="small">
                      {cycle.status === "closed" || cycle.status === "published"
                        ? `${cycle.requests.submitted} submitted · ${cycle.requests.inProgress + cycle.requests.notStarted} not answered · ${cycle.requests.declined} declined`
                        : `${cycle.requests.submitted} submitted · ${cycle.requests.inProgress} in progress · ${cycle.requests.notStarted} not started · ${cycle.requests.declined} declined`}
                    </p>
                    {cycle.byDepartment.length > 0 && (
                      <details>
                        <summary>Response rate by department</summary>
                        <div className="table-scroll">
                          <table className="table">
                            <thead>
                              <tr>
                                <th scope="col">Department</th>
                                <th scope="col">People</th>
                                <th scope="col">Submitted</th>
                                <th scope="col">Response rate</th>
                              </tr>
                            </thead>
                            <tbody>
                              {cycle.byDepartment.map((d) => (
                                <tr key={d.department}>
                                  <th scope="row">{d.department || "No department"}</th>
                                  <td>{d.subjects}</td>
                                  <td>
                                    {d.submitted} of {d.total - d.declined}
                                  </td>
                                  <td>{percent(d.submitted, d.total - d.declined)}%</td>
                                </tr>
                              ))}
                            </tbody>
                          </table>
                        </div>
                      </details>
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
