"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/trpc/react";
import { QueryState } from "../ui/query-state";
import { formatMean, positionOnScale, profileFlags } from "./scale";

/** One report's profile: per axis, the others' average with its 90 % interval
 *  on a 1–5 track, and the self and manager answers marked on the same track. */
export function TeamProfile({ cycleId, subjectId }: { cycleId: string; subjectId: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.team.profile.queryOptions({ cycleId, subjectId }));
  return (
    <QueryState query={query} what="this profile">
      {({ subject, cycle, axes }) => (
        <div className="stack">
          <div>
            <p>
              <Link href={`/team?cycle=${cycle.id}`}>← Back to your team</Link>
            </p>
            <h1>{subject.name}</h1>
            <p className="lead">
              {subject.title}
              {subject.managerName ? ` · reports to ${subject.managerName}` : ""} · {cycle.name}
            </p>
          </div>
          <section className="card" aria-labelledby="profile-heading">
            <h2 id="profile-heading">Competency profile</h2>
            <ProfileKey />
            <div className="profile-ticks small muted" aria-hidden="true">
              {[1, 2, 3, 4, 5].map((tick) => (
                <span key={tick} style={{ left: `${positionOnScale(tick)}%` }}>
                  {tick}
                </span>
              ))}
            </div>
            <ul className="profile-list">
              {axes.map((axis) => {
                const flags = profileFlags(axis);
                const o = axis.others;
                return (
                  <li key={axis.id} className={`profile-axis${axis.kind === "visibility" ? " profile-apart" : ""}`}>
                    <div className="row-between">
                      <h3>
                        {axis.name}
                        {axis.kind === "visibility" && <span className="muted small"> (not a competency)</span>}
                      </h3>
                      <p className="small muted profile-figures">
                        {o.suppressed || o.mean === null
                          ? `Others: hidden, ${o.n} of ${cycle.minGroupSize} needed responses`
                          : `Others ${formatMean(o.mean)} (90 % interval ${formatMean(o.ciLow!)}–${formatMean(o.ciHigh!)}, ${o.n} responses)`}
                        {axis.self ? ` · Self ${formatMean(axis.self.mean)}` : " · No self-review"}
                        {axis.manager ? ` · Manager ${formatMean(axis.manager.mean)}` : " · No manager review"}
                      </p>
                    </div>
                    <div className="profile-track" aria-hidden="true">
                      {!o.suppressed && o.ciLow !== null && o.ciHigh !== null && (
                        <span
                          className="profile-interval"
                          style={{
                            left: `${positionOnScale(o.ciLow)}%`,
                            width: `${positionOnScale(o.ciHigh) - positionOnScale(o.ciLow)}%`,
                          }}
                        />
                      )}
                      {!o.suppressed && o.mean !== null && (
                        <span className="profile-mark profile-others" style={{ left: `${positionOnScale(o.mean)}%` }} />
                      )}
                      {axis.self && (
                        <span
                          className="profile-mark profile-self"
                          style={{ left: `${positionOnScale(axis.self.mean)}%` }}
                        />
                      )}
                      {axis.manager && (
                        <span
                          className="profile-mark profile-manager"
                          style={{ left: `${positionOnScale(axis.manager.mean)}%` }}
                        />
                      )}
                    </div>
                    {o.suppressed && (
                      <p className="small muted">
                        Hidden: fewer than {cycle.minGroupSize} anonymous responses, so only the attributed answers are
                        shown.
                      </p>
                    )}
                    {flags.length > 0 && (
                      <ul className="profile-flags">
                        {flags.map((flag) => (
                          <li key={flag}>{flag}</li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        </div>
      )}
    </QueryState>
  );
}

function ProfileKey() {
  return (
    <div className="profile-key small">
      <span>
        <span className="profile-key-interval" aria-hidden="true" /> others&apos; 90 % interval
      </span>
      <span>
        <span className="profile-mark-key profile-others" aria-hidden="true" /> others&apos; average
      </span>
      <span>
        <span className="profile-mark-key profile-self" aria-hidden="true" /> self
      </span>
      <span>
        <span className="profile-mark-key profile-manager" aria-hidden="true" /> manager
      </span>
      <span className="muted">Scale 1 (left) to 5 (right)</span>
    </div>
  );
}
