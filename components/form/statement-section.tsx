import type { Answers, RatingAnswer } from "@/lib/answers";
import { RatingScale } from "./rating-scale";
import type { FormSection } from "./types";

/** One section of the form (a competency, or visibility) and its statements, numbered across the whole form. */
export function StatementSection({
  section,
  firstNumber,
  ratings,
  showMissing,
  onRate,
}: {
  section: FormSection;
  firstNumber: number;
  ratings: Answers["ratings"];
  showMissing: boolean;
  onRate: (statementId: string, value: RatingAnswer) => void;
}) {
  return (
    <section className="card" aria-labelledby={`section-${section.key}`}>
      <div>
        <h2 id={`section-${section.key}`}>{section.name}</h2>
        <p className="muted">
          {section.description}
          {section.kind === "visibility" &&
            " This is not a competency: it helps tell quiet influence apart from being loud."}
        </p>
      </div>
      {section.statements.map((statement, i) => (
        <RatingScale
          key={statement.id}
          statementId={statement.id}
          number={firstNumber + i}
          text={statement.text}
          value={ratings[statement.id]}
          missing={showMissing && ratings[statement.id] === undefined}
          onChange={(value) => onRate(statement.id, value)}
        />
      ))}
    </section>
  );
}
