import Link from "next/link";
import type { ReactNode } from "react";

/** The page a signed-in person sees where their role does not reach (403).
 *  The data is refused by the API whatever the page shows; this only says
 *  why, and where to go instead. */
export function AccessRefused({
  title,
  children,
  next = { href: "/", label: "Go to your home page" },
}: {
  title: string;
  children: ReactNode;
  next?: { href: string; label: string };
}) {
  return (
    <div className="narrow stack">
      <div>
        <p className="muted small">Error 403 · not allowed</p>
        <h1>{title}</h1>
      </div>
      <p className="lead">{children}</p>
      <p>
        <Link href={next.href} className="button">
          {next.label}
        </Link>
      </p>
    </div>
  );
}
