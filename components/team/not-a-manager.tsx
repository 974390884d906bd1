import Link from "next/link";

/** What someone without reports sees on the team pages. */
export function NotAManager() {
  return (
    <div className="narrow stack">
      <h1>My team</h1>
      <p className="lead">
        This page shows managers the published feedback of the people who report to them. Nobody reports to you in the
        org chart, so there is nothing to show here.
      </p>
      <p>
        <Link href="/" className="button">
          Back to your feedback requests
        </Link>
      </p>
    </div>
  );
}
