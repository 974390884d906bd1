import type { FormStatement } from "./types";
import type { SubmitProgress } from "./use-submit-with-retry";

/** How many of the unanswered statements the summary links to; the rest are marked where they are. */
const LISTED_MISSING = 8;

/** The foot of the form: what is still unanswered, a submit that failed or is being retried, and the button. */
export function SubmitArea({
  statements,
  missing,
  showMissing,
  submit,
  open,
}: {
  statements: FormStatement[];
  missing: FormStatement[];
  showMissing: boolean;
  submit: SubmitProgress;
  /** Whether the request still takes answers. */
  open: boolean;
}) {
  const answered = statements.length - missing.length;
  return (
    <div className="card submit-area">
      {showMissing && missing.length > 0 && (
        <div id="missing-summary" className="notice notice-error" tabIndex={-1} role="alert">
          <p className="strong">
            {missing.length} statement{missing.length === 1 ? " needs" : "s need"} an answer before you can submit:
          </p>
          <ul>
            {missing.slice(0, LISTED_MISSING).map((s) => (
              <li key={s.id}>
                <a href={`#statement-${s.id}`}>
                  {statements.indexOf(s) + 1}. {s.text}
                </a>
              </li>
            ))}
            {missing.length > LISTED_MISSING && <li>…and {missing.length - LISTED_MISSING} more, marked above.</li>}
          </ul>
        </div>
      )}
      {submit.retrying && (
        <div className="notice notice-error submit-retry" role="status">
          <p>
            Saving failed — your answers are kept here and in your draft. Retrying automatically
            {submit.pending ? "…" : submit.secondsToRetry !== null ? ` in ${submit.secondsToRetry} s.` : "."}
          </p>
          {!submit.pending && (
            <button type="submit" className="button button-secondary">
              Retry now
            </button>
          )}
        </div>
      )}
      {submit.failure && (
        <p className="notice notice-error" role="alert">
          {submit.failure.code === "PRECONDITION_FAILED" || submit.failure.code === "BAD_REQUEST"
            ? submit.failure.message
            : `Could not submit: ${submit.failure.message.replace(/\.$/, "")}. Your answers are safe in your draft — try again.`}
        </p>
      )}
      <div className="row-between">
        <p className="muted small">
          {answered} of {statements.length} statements answered. Once submitted, answers can’t be changed.
        </p>
        <button type="submit" className="button" disabled={submit.pending || !open}>
          {submit.pending ? "Submitting…" : "Submit feedback"}
        </button>
      </div>
    </div>
  );
}
