"use client";

import type { RatingAnswer } from "@/lib/answers";

export const ratingChoices: { value: RatingAnswer; label: string; short: string }[] = [
  { value: 1, label: "Strongly disagree", short: "1" },
  { value: 2, label: "Disagree", short: "2" },
  { value: 3, label: "Neither", short: "3" },
  { value: 4, label: "Agree", short: "4" },
  { value: 5, label: "Strongly agree", short: "5" },
  { value: "not_observed", label: "Not observed", short: "–" },
];

/** One statement, rated with native radio buttons: arrow keys move between
 *  choices, Tab moves to the next statement. */
export function RatingScale({
  statementId,
  text,
  number,
  value,
  missing,
  onChange,
}: {
  statementId: string;
  text: string;
  number: number;
  value: RatingAnswer | undefined;
  missing: boolean;
  onChange: (value: RatingAnswer) => void;
}) {
  const name = `statement-${statementId}`;
  return (
    <fieldset
      className={`statement${missing ? " statement-missing" : ""}`}
      id={name}
      aria-describedby={missing ? `${name}-missing` : undefined}
    >
      <legend>
        <span className="statement-number">{number}.</span> {text}
      </legend>
      {missing && (
        <p className="field-error" id={`${name}-missing`}>
          Choose a rating, or “Not observed” if you have not seen this.
        </p>
      )}
      <div className="scale">
        {ratingChoices.map((choice) => (
          <label
            key={String(choice.value)}
            className={`scale-choice${choice.value === "not_observed" ? " scale-choice-na" : ""}`}
          >
            <input
              type="radio"
              name={name}
              value={String(choice.value)}
              checked={value === choice.value}
              onChange={() => onChange(choice.value)}
            />
            <span className="scale-label">{choice.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
