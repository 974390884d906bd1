"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";

/** Loading and error states for a query, so each section only draws its data.
 *  `shown`, when given, is what to draw instead of the query's own data (a
 *  page that came with something else); the query then only speaks when that
 *  is missing. */
export function QueryState<T>({
  query,
  what,
  children,
  shown,
}: {
  query: UseQueryResult<T, { message: string }>;
  what: string;
  children: (data: T) => ReactNode;
  shown?: T;
}) {
  if (shown !== undefined) return <>{children(shown)}</>;
  if (query.isPending) {
    return (
      <p className="muted" role="status">
        Loading {what}…
      </p>
    );
  }
  if (query.isError) {
    return (
      <div className="notice notice-error" role="alert">
        <p>
          Could not load {what}: {query.error.message}
        </p>
        <button type="button" className="button button-secondary" onClick={() => void query.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  return <>{children(query.data)}</>;
}
