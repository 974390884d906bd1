"use client";

import { relationshipIsAnonymous } from "@/lib/vocabulary";
import type { Relationship } from "./types";

/** Before the first answer: who will see what, in plain words. */
export function FormIntro({
  relationship,
  subjectName,
  minGroupSize,
  started,
  onStart,
}: {
  relationship: Relationship;
  subjectName: string;
  minGroupSize: number;
  started: boolean;
  onStart: () => void;
}) {
  const anonymous = relationshipIsAnonymous[relationship];
  return (
    <section className={`card intro${anonymous ? " intro-anonymous" : ""}`} aria-labelledby="who-sees-heading">
      <h2 id="who-sees-heading">Who will see your answers</h2>
      {anonymous ? (
        <ul className="plain-list">
          <li>
            <strong>Your answers are anonymous.</strong> They are stored without your name, and {subjectName} sees them
            only combined with at least {minGroupSize} people’s answers. If fewer answer, that part of the report stays
            hidden.
          </li>
          <li>Nobody — not {subjectName}, their manager, HR or an administrator — can see what you answered.</li>
          <li>
            Your comments are shown word for word, in random order and without dates. Writing style and details can
            still give you away, so describe what happened rather than who you are.
          </li>
        </ul>
      ) : relationship === "self" ? (
        <ul className="plain-list">
          <li>
            <strong>This is your self-review: it carries your name.</strong> It appears in your own report beside what
            others said, so you can see where you and they agree.
          </li>
          <li>Your manager sees it with your report. Be candid: under-rating yourself is as common as over-rating.</li>
        </ul>
      ) : (
        <ul className="plain-list">
          <li>
            <strong>As {subjectName}’s manager, your answers carry your name.</strong> They are shown in {subjectName}’s
            report as the manager’s view, never mixed into the anonymous groups.
          </li>
          <li>Rate what you have seen, not how visible the work was.</li>
        </ul>
      )}
      <p className="muted small">
        About 21 statements and a few optional questions: most people take 5–10 minutes. Your answers are saved as a
        draft as you go, so you can stop and come back.
      </p>
      {!started && (
        <p>
          <button type="button" className="button" onClick={onStart}>
            Start
          </button>
        </p>
      )}
    </section>
  );
}
