import Link from "next/link";

/** The page once the answers are in: what happens to them now. */
export function SubmittedThanks({ who, anonymous }: { who: string; anonymous: boolean }) {
  return (
    <div className="narrow stack">
      <div className="card" role="status">
        <h1>Thank you — your feedback is submitted</h1>
        <p>
          Your answers for {who} are stored
          {anonymous ? " without your name, and will only ever be shown combined with others'" : ""}. They can no longer
          be viewed or changed by anyone, you included.
        </p>
        <p>
          <Link href="/" className="button">
            Back to your requests
          </Link>
        </p>
      </div>
    </div>
  );
}

/** The page of a request the person declined: nothing more to do. */
export function DeclinedNotice({ subjectName, cycleName }: { subjectName: string; cycleName: string }) {
  return (
    <div className="narrow stack">
      <h1>You declined this request</h1>
      <p className="lead">
        You said you can’t give feedback on {subjectName} in {cycleName}. Nothing more is needed.
      </p>
      <p>
        <Link href="/">Back to your requests</Link>
      </p>
    </div>
  );
}
