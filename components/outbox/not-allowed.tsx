import Link from "next/link";

/** What someone who is not an administrator sees on the outbox outside demo
 *  mode. The API refuses the mails too (403). */
export function OutboxNotAllowed() {
  return (
    <div className="narrow stack">
      <div>
        <p className="muted small">Error 403 · not allowed</p>
        <h1>Only administrators can read the outbox</h1>
      </div>
      <p className="lead">The outbox holds mail addressed to other people, so it is open to administrators only.</p>
      <p>
        <Link href="/" className="button">
          Go to your home page
        </Link>
      </p>
    </div>
  );
}
