import Link from "next/link";

/** What someone who is not an administrator sees on the audit log. The API
 *  refuses the entries too (403). */
export function NotAdmin() {
  return (
    <div className="narrow stack">
      <div>
        <p className="muted small">Error 403 · not allowed</p>
        <h1>Only administrators can read the audit log</h1>
      </div>
      <p className="lead">
        The audit log records who opened whose evidence and who exported what. It is open to administrators only, so that
        it can be trusted as a check on everyone else.
      </p>
      <p>
        <Link href="/" className="button">
          Go to your home page
        </Link>
      </p>
    </div>
  );
}
