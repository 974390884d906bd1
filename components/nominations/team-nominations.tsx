"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/trpc/react";
import { Badge } from "../ui/badge";
import { plural } from "@/lib/format";
import { QueryState } from "../ui/query-state";
import { describeMemberState, describePeerProgress, managerStatusLabel } from "./peer-progress";
import { PeerProgressBar } from "./peer-progress-bar";
import { ItemActions, PeopleSearch, PersonText } from "./people-search";
import type {
  Nomination,
  PersonCard,
  TeamCycleSummary,
  TeamMember,
  TeamNominations as TeamNominationsData,
} from "./types";

/** The manager's view: every nominating cycle with direct reports of theirs, report by report. */
export function TeamNominations() {
  const trpc = useTRPC();
  const query = useQuery(trpc.nominations.teamCycles.queryOptions());
  return (
    <QueryState query={query} what="your team's nominations">
      {(cycles) =>
        cycles.length === 0 ? (
          <section className="card" aria-labelledby="no-team-nominations-heading">
            <h2 id="no-team-nominations-heading">Nothing to approve right now</h2>
            <p className="empty">
              No cycle is collecting nominations for your team right now. When one opens, your direct reports&apos;
              choices of peers appear here for you to approve.
            </p>
          </section>
        ) : (
          cycles.map((cycle) => <TeamCycle key={cycle.id} summary={cycle} />)
        )
      }
    </QueryState>
  );
}

function TeamCycle({ summary }: { summary: TeamCycleSummary }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.nominations.forTeam.queryOptions({ cycleId: summary.id }));
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <div>
        <h2 id={headingId}>{summary.name}</h2>
        <p className="muted">
          {summary.toDecide > 0 ? `${plural(summary.toDecide, "proposal")} to decide` : "Nothing waiting for you"} ·{" "}
          {summary.belowMinimum > 0
            ? `${summary.belowMinimum} of ${plural(summary.reports, "report")} below ${summary.minPeers} approved peers`
            : `all ${plural(summary.reports, "report")} have at least ${summary.minPeers} approved peers`}
        </p>
      </div>
      <p className="muted small">
        Only approved peers are asked for feedback when the cycle starts collecting. Each person needs at least{" "}
        {summary.minPeers} and may have up to {summary.maxPeers}. A rejected peer is shown to your report as “not
        approved”, without a reason.
      </p>
      <QueryState query={query} what="your team's nominations">
        {(team) => (
          <div className="stack">
            {team.members.map((member) => (
              <TeamMemberNominations key={member.id} member={member} cycle={team.cycle} />
            ))}
          </div>
        )}
      </QueryState>
    </section>
  );
}

function TeamMemberNominations({ member, cycle }: { member: TeamMember; cycle: TeamNominationsData["cycle"] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headingId = useId();
  const statusId = useId();
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const firstName = member.name.split(" ")[0] ?? member.name;
  const progress = describePeerProgress({
    chosen: member.chosen,
    minPeers: cycle.minPeers,
    maxPeers: cycle.maxPeers,
    perspective: "manager",
  });
  const [stateText, stateTone] = describeMemberState({
    proposed: member.proposed,
    approved: member.approved,
    minPeers: cycle.minPeers,
  });

  async function settle(text: string) {
    await queryClient.invalidateQueries(trpc.nominations.pathFilter());
    setMessage({ text, error: false });
    // The pressed button is gone after any change: keep a keyboard user's place on the message.
    document.getElementById(statusId)?.focus();
  }
  const fail = (error: { message: string }) => setMessage({ text: error.message, error: true });

  const decide = useMutation(trpc.nominations.decide.mutationOptions({ onError: fail }));
  const approveAll = useMutation(
    trpc.nominations.approveAll.mutationOptions({
      onSuccess: ({ approved }) => settle(`Approved ${plural(approved, "peer")} for ${member.name}.`),
      onError: fail,
    }),
  );
  const add = useMutation(
    trpc.nominations.add.mutationOptions({
      onSuccess: (n) => settle(`Added ${n.nominee.name} as a peer of ${member.name}.`),
      onError: fail,
    }),
  );
  const busy = decide.isPending || approveAll.isPending;

  function onDecide(nomination: Nomination, decision: "approve" | "reject") {
    if (busy) return;
    setMessage(null);
    const name = nomination.nominee.name;
    decide.mutate(
      { nominationId: nomination.id, decision },
      {
        onSuccess: ({ status }) =>
          settle(
            status === "approved"
              ? `Approved ${name} as a peer of ${member.name}.`
              : status === "removed"
                ? `Removed ${name}.`
                : `${name} is not approved. ${firstName} sees this without a reason.`,
          ),
      },
    );
  }
  const pendingDecision = decide.isPending ? decide.variables : undefined;
  const addingId = add.isPending ? (add.variables?.nomineeId ?? null) : null;
  const onAdd = (person: PersonCard) => {
    setMessage(null);
    add.mutate({ cycleId: cycle.id, subjectId: member.id, nomineeId: person.id });
  };

  return (
    <article className="cycle" aria-labelledby={headingId}>
      <div className="row-between">
        <div>
          <h3 id={headingId}>{member.name}</h3>
          <p className="muted small">
            {member.title} · {progress.summary} chosen, {member.approved} approved
          </p>
        </div>
        <Badge tone={stateTone}>{stateText}</Badge>
      </div>
      <PeerProgressBar
        chosen={member.chosen}
        minPeers={cycle.minPeers}
        maxPeers={cycle.maxPeers}
        label={`${member.name}: peers chosen`}
      />

      <p
        id={statusId}
        tabIndex={-1}
        role="status"
        className={message ? (message.error ? "notice notice-error" : "notice") : "visually-hidden"}
      >
        {message?.text ?? ""}
      </p>

      {member.nominations.length === 0 ? (
        <p className="muted small">{firstName} hasn&apos;t chosen anyone yet. You can add peers for them below.</p>
      ) : (
        <ul className="list" aria-label={`Peers for ${member.name}`}>
          {member.nominations.map((n) => {
            const [statusText, tone] = managerStatusLabel[n.status];
            const pending = pendingDecision?.nominationId === n.id;
            return (
              <li key={n.id} className="list-item">
                <PersonText person={n.nominee} note={n.addedByManager ? "added by you" : undefined} />
                <ItemActions>
                  <Badge tone={tone}>{statusText}</Badge>
                  {cycle.open && n.status !== "approved" && (
                    <button
                      type="button"
                      className={n.status === "proposed" ? "button" : "button button-secondary"}
                      aria-disabled={busy}
                      onClick={() => onDecide(n, "approve")}
                    >
                      {pending && pendingDecision?.decision === "approve" ? "Approving…" : "Approve"}
                      <span className="visually-hidden"> {n.nominee.name}</span>
                    </button>
                  )}
                  {cycle.open && n.status !== "rejected" && (
                    <button
                      type="button"
                      className="button button-quiet"
                      aria-disabled={busy}
                      onClick={() => onDecide(n, "reject")}
                    >
                      {pending && pendingDecision?.decision === "reject"
                        ? "Saving…"
                        : n.addedByManager
                          ? "Remove"
                          : "Reject"}
                      <span className="visually-hidden"> {n.nominee.name}</span>
                    </button>
                  )}
                </ItemActions>
              </li>
            );
          })}
        </ul>
      )}

      {cycle.open && member.proposed >= 2 && (
        <div>
          <button
            type="button"
            className="button button-secondary"
            aria-disabled={busy}
            onClick={() => {
              if (busy) return;
              setMessage(null);
              approveAll.mutate({ cycleId: cycle.id, subjectId: member.id });
            }}
          >
            {approveAll.isPending ? "Approving…" : `Approve all ${member.proposed} proposed`}
            <span className="visually-hidden"> for {member.name}</span>
          </button>
        </div>
      )}

      {cycle.open && (
        <details>
          <summary>Add a peer for {firstName}</summary>
          <div className="stack-tight pad-top">
            {progress.full ? (
              <p className="notice">{progress.advice}</p>
            ) : (
              <PeopleSearch
                cycleId={cycle.id}
                subjectId={member.id}
                perspective="manager"
                label={`Search for a peer for ${member.name}`}
                canAdd={!progress.full}
                pendingId={addingId}
                onAdd={onAdd}
              />
            )}
          </div>
        </details>
      )}
    </article>
  );
}
