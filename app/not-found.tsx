import Link from "next/link";

export default function NotFound() {
  return (
    <div className="narrow stack">
      <h1>Page not found</h1>
      <p className="lead">There is nothing at this address. It may have moved, or the link may be incomplete.</p>
      <p>
        <Link href="/" className="button">
          Go to your home page
        </Link>
      </p>
    </div>
  );
}
