"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/trpc/react";
import { plural } from "@/lib/format";

/**
 * The home page's pointer to nominations: "Nominate peers for <cycle>: 2 of at
 * least 3 chosen → Choose peers", and for managers "3 nominations to approve".
 * Renders nothing when there is nothing to do, so the home page stays quiet
 * outside the nominating phase.
 *
 * For a first paint without a flash, the page prefetches
 * `trpc.nominations.mine` and, for managers, `trpc.nominations.teamCycles`.
 */
export function NominationsHomeCard({ manager }: { manager: boolean }) {
  const trpc = useTRPC();
  const mine = useQuery(trpc.nominations.mine.queryOptions());
  const team = useQuery(trpc.nominations.teamCycles.queryOptions(undefined, { enabled: manager }));

  const own = mine.data ?? [];
  const toApprove = manager ? (team.data ?? []).filter((c) => c.toDecide > 0 || c.belowMinimum > 0) : [];
  if (own.length === 0 && toApprove.length === 0) return null;

  return (
    <section className="card" aria-labelledby="nominations-card-heading">
      <h2 id="nominations-card-heading">Peer nominations</h2>
      <ul className="list">
        {own.map(({ cycle, chosen }) => (
          <li key={cycle.id} className="list-item">
            <div>
              <p className="strong">Nominate peers for {cycle.name}</p>
              <p className="muted small">
                {cycle.minPeers > 0 ? `${chosen} of at least ${cycle.minPeers} chosen` : `${chosen} chosen`} (max{" "}
                {cycle.maxPeers})
              </p>
            </div>
            <Link href="/nominations" className="button button-secondary">
              Choose peers<span className="visually-hidden"> for {cycle.name}</span>
            </Link>
          </li>
        ))}
        {toApprove.map((cycle) => (
          <li key={cycle.id} className="list-item">
            <div>
              <p className="strong">
                {cycle.toDecide > 0
                  ? `${plural(cycle.toDecide, "nomination")} to approve`
                  : `${plural(cycle.belowMinimum, "report")} short of peers`}
              </p>
              <p className="muted small">
                Your team in {cycle.name}
                {cycle.toDecide > 0 && cycle.belowMinimum > 0
                  ? ` · ${cycle.belowMinimum} of ${plural(cycle.reports, "report")} below ${cycle.minPeers} approved peers`
                  : ""}
              </p>
            </div>
            <Link href="/nominations/team" className="button button-secondary">
              Review<span className="visually-hidden"> your team&apos;s nominations for {cycle.name}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
