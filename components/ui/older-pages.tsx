"use client";

import { type QueryKey, useQueries, type UseQueryOptions } from "@tanstack/react-query";
import { useState } from "react";

/**
 * A list read newest first, a page at a time: each page starts below the
 * last item of the one before it (`before` = that item's id), and "Show
 * older" adds the next page below, keeping the ones already shown.
 */
export function useOlderPages<
  TPage extends { more: boolean },
  TItem extends { id: number },
  TError extends { message: string },
  TKey extends QueryKey,
>(
  optionsFor: (before: number | undefined) => UseQueryOptions<TPage, TError, TPage, TKey>,
  itemsOf: (page: TPage) => TItem[],
) {
  const [starts, setStarts] = useState<(number | undefined)[]>([undefined]);
  const pages = useQueries({ queries: starts.map(optionsFor) });
  const items = pages.flatMap((page) => (page.data ? itemsOf(page.data) : []));
  const last = pages.at(-1);
  return {
    items,
    loading: pages[0]?.isPending ?? true,
    failed: pages.find((page) => page.isError) ?? null,
    more: last?.data?.more ?? false,
    loadingOlder: pages.length > 1 && (last?.isPending ?? false),
    showOlder: () => setStarts((s) => [...s, items.at(-1)!.id]),
  };
}

/** Under such a list: a failure with a retry, how many are shown, and "Show older". */
export function OlderPagesFooter({
  pages,
  what,
  shown,
  olderLabel,
}: {
  pages: Pick<ReturnType<typeof useOlderPages>, "more" | "loadingOlder" | "showOlder"> & {
    failed: { error: { message: string } | null; refetch: () => unknown } | null;
  };
  /** "the audit log" — for the failure message. */
  what: string;
  /** "12 entries shown" */
  shown: string;
  /** "Loading older entries…" */
  olderLabel: string;
}) {
  const { failed } = pages;
  return (
    <>
      {failed && (
        <div className="notice notice-error" role="alert">
          <p>
            Could not load {what}: {failed.error?.message}
          </p>
          <button type="button" className="button button-secondary" onClick={() => void failed.refetch()}>
            Try again
          </button>
        </div>
      )}
      <p className="row-start">
        <span className="small muted" role="status">
          {shown}
        </span>
        {pages.more && (
          <button type="button" className="button button-secondary" onClick={pages.showOlder}>
            Show older
          </button>
        )}
        {pages.loadingOlder && <span className="small muted">{olderLabel}</span>}
      </p>
    </>
  );
}
