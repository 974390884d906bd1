"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { Badge } from "../ui/badge";
import { describeDue, formatDay, plural } from "../ui/format";
import { relationshipIsAnonymous, relationshipLabel, requestStateLabel } from "../ui/labels";
import { ProgressBar } from "../ui/progress-bar";
import { QueryState } from "../ui/query-state";

export function FeedbackRequests() {
  const trpc = useTRPC();
  const query = useQuery(trpc.inbox.mine.queryOptions());
  return (
    <section className="card" aria-labelledby="requests-heading">
      <h2 id="requests-heading">Your feedback requests</h2>
      <QueryState query={query} what="your feedback requests">
        {(cycles) =>
          cycles.length === 0 ? (
            <p className="empty">
              Nothing to answer right now. When a feedback cycle opens, the people you are asked to give feedback on
              appear here.
            </p>
          ) : (
            cycles.map((cycle) => {
              const open = cycle.requests.filter((r) => r.state === "not_started" || r.state === "draft").length;
              return (
                <div key={cycle.cycleId} className="stack">
                  <div className="row-between">
                    <div>
                      <h3>{cycle.cycleName}</h3>
                      <p className="muted">
                        Due {formatDay(cycle.closesOn)} · <span suppressHydrationWarning>{describeDue(cycle.closesOn)}</span>
                        {open > 0 ? ` · ${plural(open, "request")} to answer` : " · all done, thank you"}
                      </p>
                    </div>
                    <ProgressBar value={cycle.progress.done} max={cycle.progress.total} label={`${cycle.cycleName}: requests done`} />
                  </div>
                  <ul className="list" aria-label={`Requests in ${cycle.cycleName}`}>
                    {cycle.requests.map((request) => {
                      const [stateText, tone] = requestStateLabel[request.state];
                      return (
                        <li key={request.assignmentId} className="list-item">
                          <div>
                            <p className="strong">{request.relationship === "self" ? "Your self-review" : request.subjectName}</p>
                            <p className="muted small">
                              {request.relationship === "self" ? "Reflect on your own year" : request.subjectTitle} ·{" "}
                              {relationshipLabel[request.relationship]} ·{" "}
                              {relationshipIsAnonymous[request.relationship] ? "anonymous" : "your name is shown"}
                            </p>
                          </div>
                          <Badge tone={tone}>{stateText}</Badge>
                        </li>
                      );
                    })}
                  </ul>
                </div>
              );
            })
          )
        }
      </QueryState>
    </section>
  );
}
