import Link from "next/link";

/** What someone without the HR role sees on an HR page (cycles by default).
 *  The data itself is refused by the API (403) whatever the page shows. */
export function NotAllowed({ what = "manage feedback cycles" }: { what?: string }) {
  return (
    <div className="narrow stack">
      <div>
        <p className="muted small">Error 403 · not allowed</p>
        <h1>Only HR can {what}</h1>
      </div>
      <p className="lead">
        Your account does not have the HR role, so this page is closed to you. If your work needs it, ask an administrator to give
        you the HR role.
      </p>
      <p>
        <Link href="/" className="button">
          Go to your home page
        </Link>
      </p>
    </div>
  );
}
