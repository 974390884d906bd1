"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { Badge } from "../ui/badge";
import { describeDue, plural } from "../ui/format";
import { QueryState } from "../ui/query-state";

export function TeamOverview() {
  const trpc = useTRPC();
  const query = useQuery(trpc.team.mine.queryOptions());
  return (
    <section className="card" aria-labelledby="team-heading">
      <h2 id="team-heading">Your team</h2>
      <QueryState query={query} what="your team">
        {({ members, coverage }) => (
          <>
            {coverage ? (
              <p className="muted">
                Responses so far in <strong>{coverage.cycleName}</strong> (
                <span suppressHydrationWarning>{describeDue(coverage.closesOn)}</span>). A report can show anonymous
                feedback once at least {coverage.minGroupSize} peers or direct reports have answered. Counts only: no one
                can see who answered or what.
              </p>
            ) : (
              <p className="muted">No feedback cycle is collecting right now.</p>
            )}
            <div className="table-scroll">
              <table className="table">
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
                    const enough = counts && counts.anonymousSubmitted >= (coverage?.minGroupSize ?? 3);
                    return (
                      <tr key={member.id}>
                        <th scope="row">
                          <span className="strong">{member.name}</span>
                          <span className="muted small block">{member.title}</span>
                        </th>
                        <td>
                          {member.directReports === 0
                            ? "—"
                            : `${plural(member.directReports, "direct report")}${
                                member.organisationBelow > member.directReports ? `, ${member.organisationBelow} in all` : ""
                              }`}
                        </td>
                        {coverage && (
                          <td>
                            {counts ? (
                              <>
                                {counts.anonymousSubmitted} of {counts.anonymousRequested}{" "}
                                {enough ? (
                                  <Badge tone="success">enough for a report</Badge>
                                ) : (
                                  <Badge tone="warning">
                                    {coverage.minGroupSize - counts.anonymousSubmitted} more needed
                                  </Badge>
                                )}
                              </>
                            ) : (
                              <span className="muted">not in this cycle</span>
                            )}
                          </td>
                        )}
                        {coverage && <td>{counts ? (counts.selfDone ? "Submitted" : "Not yet") : "—"}</td>}
                        {coverage && <td>{counts ? (counts.managerDone ? "Submitted" : "Not yet") : "—"}</td>}
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
