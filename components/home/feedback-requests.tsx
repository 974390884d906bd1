"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/trpc/react";
import { Badge } from "../ui/badge";
import { describeDue, formatDay, plural } from "@/lib/format";
import { relationshipIsAnonymous } from "@/lib/vocabulary";
import { relationshipLabel, requestStateLabel } from "../ui/labels";
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
                        Due {formatDay(cycle.closesOn)} ·{" "}
                        <span suppressHydrationWarning>{describeDue(cycle.closesOn)}</span>
                        {open > 0 ? ` · ${plural(open, "request")} to answer` : " · all done, thank you"}
                      </p>
                    </div>
                    <ProgressBar
                      value={cycle.progress.done}
                      max={cycle.progress.total}
                      label={`${cycle.cycleName}: requests done`}
                    />
                  </div>
                  <ul className="list" aria-label={`Requests in ${cycle.cycleName}`}>
                    {cycle.requests.map((request) => {
                      const [stateText, tone] = requestStateLabel[request.state];
                      const title = request.relationship === "self" ? "Your self-review" : request.subjectName;
                      const open = request.state === "not_started" || request.state === "draft";
                      const details = (
                        <div>
                          <p className="strong">{title}</p>
                          <p className="muted small">
                            {request.relationship === "self" ? "Reflect on your own year" : request.subjectTitle} ·{" "}
                            {relationshipLabel[request.relationship]} ·{" "}
                            {relationshipIsAnonymous[request.relationship] ? "anonymous" : "your name is shown"}
                          </p>
                        </div>
                      );
                      return (
                        <li key={request.assignmentId} className="list-item">
                          {open ? (
                            <Link href={`/requests/${request.assignmentId}`} className="list-link">
                              {details}
                            </Link>
                          ) : (
                            details
                          )}
                          <span className="row-start">
                            <Badge tone={tone}>{stateText}</Badge>
                            {open && (
                              <Link
                                href={`/requests/${request.assignmentId}`}
                                className="button button-secondary button-small"
                                aria-label={`${request.state === "draft" ? "Continue" : "Start"}: ${title}`}
                              >
                                {request.state === "draft" ? "Continue" : "Start"}
                              </Link>
                            )}
                          </span>
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
