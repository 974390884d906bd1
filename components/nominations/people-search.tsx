"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect, useId, useState } from "react";
import { useTRPC } from "@/trpc/react";
import type { PersonCard, SearchResult } from "./types";

const MIN_LENGTH = 2;
const MAX_LENGTH = 80;

/** The value, once it has stopped changing for `delayMs`: one search per pause in typing, not per key. */
function useSettledValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

function unavailableText(reason: NonNullable<SearchResult["unavailable"]>, perspective: "subject" | "manager"): string {
  const you = perspective === "subject";
  switch (reason) {
    case "self":
      return you ? "You" : "The person themselves";
    case "manager":
      return you ? "Your manager: rates you as your manager" : "You: you rate them as their manager";
    case "direct_report":
      return you ? "Reports to you: rates you as a direct report" : "Reports to them: rates them as a direct report";
    case "chosen":
      return "Already chosen";
    case "not_approved":
      return you ? "Not approved by your manager" : "Rejected";
  }
}

/**
 * Search anyone active in the organisation by name, title or department, and
 * add them as a peer of the subject (the signed-in person, or with `subjectId`
 * one of the manager's direct reports). People who can't be added say why.
 */
export function PeopleSearch({
  cycleId,
  subjectId,
  perspective,
  label,
  landmarkLabel,
  canAdd,
  pendingId,
  onAdd,
}: {
  cycleId: string;
  subjectId?: string;
  perspective: "subject" | "manager";
  label: string;
  /** The search landmark's name, unique on the page (one search per cycle or person). Defaults to `label`. */
  landmarkLabel?: string;
  /** False when the subject has as many peers as the cycle allows. */
  canAdd: boolean;
  /** The person being added right now, if any. */
  pendingId: string | null;
  onAdd: (person: PersonCard) => void;
}) {
  const trpc = useTRPC();
  const inputId = useId();
  const hintId = useId();
  const [text, setText] = useState("");
  const query = useSettledValue(text.trim(), 250);
  const enabled = query.length >= MIN_LENGTH;
  const results = useQuery({
    ...trpc.nominations.searchPeople.queryOptions({ cycleId, subjectId, query }, { enabled }),
    placeholderData: keepPreviousData,
  });

  return (
    <div className="stack-tight">
      <form
        role="search"
        className="field"
        aria-label={landmarkLabel ?? label}
        onSubmit={(event) => event.preventDefault()}
      >
        <label htmlFor={inputId}>{label}</label>
        <input
          id={inputId}
          className="input"
          type="search"
          autoComplete="off"
          maxLength={MAX_LENGTH}
          aria-describedby={hintId}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <p id={hintId} className="muted small">
          Anyone in the organisation can be a peer, from any team. Type at least {MIN_LENGTH} letters of a name, title
          or department.
        </p>
      </form>
      {/* Always in the page, so that screen readers announce each new result count. */}
      <p
        role="status"
        className={!enabled ? "visually-hidden" : results.isError ? "notice notice-error" : "muted small"}
      >
        {!enabled
          ? ""
          : results.isError
            ? `Could not search: ${results.error.message}`
            : results.data === undefined || results.isPlaceholderData
              ? "Searching…"
              : results.data.length === 0
                ? `Nobody active matches “${query}”.`
                : results.data.length === 20
                  ? "Showing the first 20 matches. Type more to narrow it down."
                  : `${results.data.length === 1 ? "1 person matches" : `${results.data.length} people match`} “${query}”.`}
      </p>
      {enabled && (
        <>
          {results.data && results.data.length > 0 && (
            <ul className="list" aria-label={`People matching “${query}”`}>
              {results.data.map((person) => (
                <li key={person.id} className="list-item">
                  <PersonText person={person} />
                  {person.unavailable ? (
                    <span className="muted small text-end">{unavailableText(person.unavailable, perspective)}</span>
                  ) : canAdd ? (
                    <AddButton person={person} pendingId={pendingId} onAdd={onAdd} />
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

/** A person's name with their title and department. */
export function PersonText({ person, note }: { person: PersonCard; note?: string }) {
  // Grows and shrinks beside the actions; on a phone the actions wrap below it only when they must.
  return (
    <div className="person-text">
      <p className="strong">{person.name}</p>
      <p className="muted small">
        {[person.title, person.department].filter(Boolean).join(" · ")}
        {note ? ` · ${note}` : ""}
      </p>
    </div>
  );
}

/**
 * "Add <name>". While any add is in flight it is marked busy rather than
 * disabled, so a keyboard user's focus stays on it.
 */
export function AddButton({
  person,
  pendingId,
  onAdd,
  label = "Add",
}: {
  person: PersonCard;
  pendingId: string | null;
  onAdd: (person: PersonCard) => void;
  label?: string;
}) {
  const busy = pendingId !== null;
  return (
    <button
      type="button"
      className="button button-secondary"
      aria-disabled={busy}
      onClick={() => {
        if (!busy) onAdd(person);
      }}
    >
      {pendingId === person.id ? "Adding…" : label}
      <span className="visually-hidden"> {person.name}</span>
    </button>
  );
}

/** Buttons inside list rows: a little narrower than the page's, so status and two buttons fit a phone's row. */

/** A list item's status and buttons, kept on one line where they fit and aligned to the end. */
export function ItemActions({ children }: { children: ReactNode }) {
  return <span className="item-actions">{children}</span>;
}
