import { type Answers, MAX_COMMENT_LENGTH } from "@/lib/answers";
import type { FormQuestion } from "./types";

/** The optional questions answered in words, and who will read the answers. */
export function OpenQuestions({
  questions,
  comments,
  isSelf,
  anonymous,
  minGroupSize,
  onWrite,
}: {
  questions: FormQuestion[];
  comments: Answers["comments"];
  isSelf: boolean;
  anonymous: boolean;
  minGroupSize: number;
  onWrite: (questionId: string, text: string) => void;
}) {
  return (
    <section className="card" aria-labelledby="questions-heading">
      <div>
        <h2 id="questions-heading">{isSelf ? "Reflection" : "In your own words"}</h2>
        <p className="muted">
          Optional.{" "}
          {anonymous
            ? "Comments are shown to the person only with at least " +
              `${minGroupSize} others', in random order and without dates — but writing style and details can identify you. Describe what happened rather than who you are.`
            : "Your answers here carry your name."}
        </p>
      </div>
      {questions.map((question) => {
        const text = comments[question.id] ?? "";
        return (
          <div key={question.id} className="field">
            <label htmlFor={`question-${question.id}`}>{question.prompt}</label>
            {question.hint && (
              <p className="muted small" id={`question-${question.id}-hint`}>
                {question.hint}
              </p>
            )}
            <textarea
              id={`question-${question.id}`}
              className="input textarea"
              rows={4}
              maxLength={MAX_COMMENT_LENGTH}
              value={text}
              aria-describedby={question.hint ? `question-${question.id}-hint` : undefined}
              onChange={(e) => onWrite(question.id, e.target.value)}
            />
            <p className="muted small counter">
              {text.length} / {MAX_COMMENT_LENGTH}
            </p>
          </div>
        );
      })}
    </section>
  );
}
