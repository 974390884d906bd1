"use client";

/**
 * What a page shows when the server could not build it — most often because
 * the database did not answer (restarting, overloaded). Nothing saved is
 * lost in that case, so the page says so and offers to try again.
 */
export default function PageError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <div className="narrow stack">
      <h1>This page could not be loaded</h1>
      <p className="lead">
        The server did not answer in time — usually because it is restarting or busy. Nothing you saved is lost: drafts
        and submitted feedback are kept.
      </p>
      <p>
        <button type="button" className="button" onClick={() => retry()}>
          Try again
        </button>
      </p>
      {error.digest && (
        <p className="muted small">If it keeps happening, tell your administrator this reference: {error.digest}</p>
      )}
    </div>
  );
}
