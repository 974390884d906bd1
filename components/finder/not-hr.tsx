import Link from "next/link";

/** What someone without the HR role sees on the finder's pages. The data
 *  itself is refused by the API (403) whatever the page shows. */
export function NotHr() {
  return (
    <div className="narrow stack">
      <div>
        <p className="muted small">Error 403 · not allowed</p>
        <h1>Only HR can use the quiet-influencer finder</h1>
      </div>
      <p className="lead">
        The finder compares published feedback across the whole organisation, so it is open to the HR role only. Your own
        published feedback is in My report.
      </p>
      <p>
        <Link href="/report" className="button">
          Go to my report
        </Link>
      </p>
    </div>
  );
}
