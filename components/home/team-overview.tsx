"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/trpc/react";
import { Badge } from "../ui/badge";
import { CountedDaily } from "../ui/counted-daily";
import { describeDue, plural } from "@/lib/format";
import { QueryState } from "../ui/query-state";

export function TeamOverview() {
  const trpc = useTRPC();
  const query = useQuery(trpc.team.mine.queryOptions());
  return (
    <section className="card" aria-labelledby="team-heading">
      <div className="row-between">
        <h2 id="team-heading">Your team</h2>
        <Link href="/team">Team profiles from published cycles</Link>
      </div>
      <QueryState query={query} what="your team">
        {({ members, coverage }) => (
          <>
            {coverage ? (
              <div className="stack-tight">
                <p className="muted">
                  Responses so far in <strong>{coverage.cycleName}</strong> (
                  <span suppressHydrationWarning>{describeDue(coverage.closesOn)}</span>). A report can show anonymous
                  feedback once at least {coverage.minGroupSize} peers or direct reports have answered. Counts only: no
                  one can see who answered or what.
                </p>
                <CountedDaily countedOn={coverage.countedOn} />
              </div>
            ) : (
              <p className="muted">No feedback cycle is collecting right now.</p>
            )}
            <div className="table-scroll">
              <table className="table table-stack">
                <caption className="visually-hidden">Your direct reports</caption>
                <thead>
                  <tr>
                    <th scope="col">Person</th>
                    <th scope="col">Their team</th>
                    {coverage && <th scope="col">Anonymous responses</th>}
                    {coverage && <th scope="col">Self-review</th>}
                    {coverage && <th scope="col">Your review</th>}
                  </tr>
                </thead>
                <tbody>
                  {members.map((member) => {
                    const counts = coverage?.byMember[member.id];
                    const k = coverage?.minGroupSize ?? 3;
                    return (
                      <tr key={member.id}>
                        <th scope="row">
                          <span className="strong">{member.name}</span>
                          <span className="muted small block">{member.title}</span>
                        </th>
                        <td data-label="Their team">
                          {member.directReports === 0
                            ? "—"
                            : `${plural(member.directReports, "direct report")}${
                                member.organisationBelow > member.directReports
                                  ? `, ${member.organisationBelow} in all`
                                  : ""
                              }`}
                        </td>
                        {coverage && (
                          <td data-label="Anonymous responses">
                            {counts ? (
                              <span>
                                {counts.anonymousSubmitted} of {counts.anonymousRequested}{" "}
                                <CoverageBadge
                                  submitted={counts.anonymousSubmitted}
                                  requested={counts.anonymousRequested}
                                  k={k}
                                />
                              </span>
                            ) : (
                              <span className="muted">not in this cycle</span>
                            )}
                          </td>
                        )}
                        {coverage && (
                          <td data-label="Self-review">{counts ? (counts.selfDone ? "Submitted" : "Not yet") : "—"}</td>
                        )}
                        {coverage && (
                          <td data-label="Your review">
                            {counts ? (counts.managerDone ? "Submitted" : "Not yet") : "—"}
                          </td>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
      </QueryState>
    </section>
  );
}

/** Whether anonymous feedback will be shown: enough answers, more needed, or
 *  too few people asked for it ever to be shown. */
function CoverageBadge({ submitted, requested, k }: { submitted: number; requested: number; k: number }) {
  if (submitted >= k) return <Badge tone="success">enough for a report</Badge>;
  if (requested < k) return <Badge tone="neutral">only {requested} asked: hidden</Badge>;
  return <Badge tone="warning">{k - submitted} more needed</Badge>;
}
