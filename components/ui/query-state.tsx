"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";

/** Loading and error states for a query, so each section only draws its data. */
export function QueryState<T>({
  query,
  what,
  children,
}: {
  query: UseQueryResult<T, { message: string }>;
  what: string;
  children: (data: T) => ReactNode;
}) {
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
