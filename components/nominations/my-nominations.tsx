"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/trpc/react";
import { Badge } from "../ui/badge";
import { formatDay, plural } from "@/lib/format";
import { QueryState } from "../ui/query-state";
import { describePeerProgress, subjectStatusLabel } from "./peer-progress";
import { AddButton, ItemActions, PeopleSearch, PersonText } from "./people-search";
import { PeerProgressBar } from "./peer-progress-bar";
import type { MyCycleNominations, PersonCard } from "./types";

/** The signed-in person's choice of peers, for every cycle collecting nominations. */
export function MyNominations() {
  const trpc = useTRPC();
  const query = useQuery(trpc.nominations.mine.queryOptions());
  return (
    <QueryState query={query} what="your nominations">
      {(cycles) =>
        cycles.length === 0 ? (
          <section className="card" aria-labelledby="no-nominations-heading">
            <h2 id="no-nominations-heading">Nothing to choose right now</h2>
            <p className="empty">
              No cycle is collecting nominations right now. When HR opens one you take part in, you choose your peers
              here.
            </p>
          </section>
        ) : (
          cycles.map((cycle) => <CycleNominations key={cycle.cycle.id} data={cycle} />)
        )
      }
    </QueryState>
  );
}

function CycleNominations({ data }: { data: MyCycleNominations }) {
  const { cycle, nominations, suggestions, chosen, approverName } = data;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headingId = useId();
  const statusId = useId();
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const progress = describePeerProgress({ chosen, minPeers: cycle.minPeers, maxPeers: cycle.maxPeers });
  const waiting = chosen - data.approved;

  /** After a change the pressed button is gone (replaced by a status, or moved to another list): keep the
   *  keyboard user's place on the message that says what happened. */
  async function settle(text: string) {
    await queryClient.invalidateQueries(trpc.nominations.pathFilter());
    setMessage({ text, error: false });
    document.getElementById(statusId)?.focus();
  }
  function fail(error: { message: string }) {
    setMessage({ text: error.message, error: true });
  }

  const propose = useMutation(
    trpc.nominations.propose.mutationOptions({
      onSuccess: (n) =>
        settle(
          n.status === "approved"
            ? `${n.nominee.name} is one of your peers.`
            : `${n.nominee.name} added${approverName ? `, waiting for ${approverName}'s approval` : ""}.`,
        ),
      onError: fail,
    }),
  );
  const withdraw = useMutation(
    trpc.nominations.withdraw.mutationOptions({
      onError: fail,
    }),
  );
  const addingId = propose.isPending ? (propose.variables?.nomineeId ?? null) : null;
  const add = (person: PersonCard) => {
    setMessage(null);
    propose.mutate({ cycleId: cycle.id, nomineeId: person.id });
  };
  const remove = (nominationId: string, name: string) => {
    if (withdraw.isPending) return;
    setMessage(null);
    withdraw.mutate({ nominationId }, { onSuccess: () => settle(`${name} removed.`) });
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <div>
        <h2 id={headingId}>{cycle.name}</h2>
        <p className="muted">
          Feedback is collected until {formatDay(cycle.closesOn)}.{" "}
          {approverName
            ? `${approverName}, your manager, approves your choices and may add someone.`
            : "You have no manager to approve your choices, so they stand as you make them."}
        </p>
      </div>

      <PeerProgressBar
        chosen={chosen}
        minPeers={cycle.minPeers}
        maxPeers={cycle.maxPeers}
        label={`${cycle.name}: peers chosen`}
      />
      <p className="small">
        <span className="strong">{progress.summary}</span> · {progress.advice}
        {waiting > 0 &&
          ` ${plural(waiting, "choice")} ${waiting === 1 ? "is" : "are"} waiting for ${approverName ?? "approval"}.`}
      </p>

      <p
        id={statusId}
        tabIndex={-1}
        role="status"
        className={message ? (message.error ? "notice notice-error" : "notice") : "visually-hidden"}
      >
        {message?.text ?? ""}
      </p>

      <h3>Your peers</h3>
      {nominations.length === 0 ? (
        <p className="empty">
          You haven&apos;t chosen anyone yet. Start with the suggestions below, or search for anyone.
        </p>
      ) : (
        <ul className="list" aria-label={`Your peers for ${cycle.name}`}>
          {nominations.map((n) => {
            const [statusText, tone] = subjectStatusLabel[n.status];
            const removable = !n.addedByManager && n.status !== "rejected";
            return (
              <li key={n.id} className="list-item">
                <PersonText person={n.nominee} note={n.addedByManager ? "added by your manager" : undefined} />
                <ItemActions>
                  <Badge tone={tone}>{statusText}</Badge>
                  {removable && (
                    <button
                      type="button"
                      className="button button-quiet"
                      aria-disabled={withdraw.isPending}
                      onClick={() => remove(n.id, n.nominee.name)}
                    >
                      {withdraw.isPending && withdraw.variables?.nominationId === n.id ? "Removing…" : "Remove"}
                      <span className="visually-hidden"> {n.nominee.name}</span>
                    </button>
                  )}
                </ItemActions>
              </li>
            );
          })}
        </ul>
      )}

      <h3>Suggested peers</h3>
      {progress.full ? (
        <p className="notice">{progress.advice}</p>
      ) : suggestions.length === 0 ? (
        <p className="empty">No suggestions left. Search below for anyone you work with.</p>
      ) : (
        <>
          <p className="muted small">People who share your manager first, then others in your department.</p>
          <ul className="list" aria-label="Suggested peers">
            {suggestions.map((s) => (
              <li key={s.id} className="list-item">
                <PersonText person={s} note={s.reason === "same_manager" ? "same manager as you" : undefined} />
                <AddButton person={s} pendingId={addingId} onAdd={add} />
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>Find someone else</h3>
      <PeopleSearch
        cycleId={cycle.id}
        perspective="subject"
        label="Search by name, title or department"
        landmarkLabel={`Find a peer for ${cycle.name}`}
        canAdd={!progress.full}
        pendingId={addingId}
        onAdd={add}
      />
      <p className="muted small">
        Your manager and your direct reports already give you feedback in those roles, so they aren&apos;t listed as
        peers. What peers answer reaches you only combined, once at least {cycle.minGroupSize} have answered.
      </p>
    </section>
  );
}
