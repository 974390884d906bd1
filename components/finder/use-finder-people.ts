"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { FINDER_PAGE_SIZE } from "@/server/domain/finder";
import type { FinderList } from "@/server/shapes/finder";
import { useTRPC } from "@/trpc/react";
import type { FinderAddress } from "./finder-url";
import type { FinderPeoplePage } from "./types";

/**
 * One of the finder's lists of people (the shortlist or everyone in the view),
 * a page at a time; the page shown stays until the next has come. A first
 * page that came with the view (the shortlist's) is shown as it is, not
 * asked for again.
 */
export function useFinderPeople(
  address: FinderAddress & { cycleId: string },
  list: FinderList,
  { enabled = true, firstPage }: { enabled?: boolean; firstPage?: FinderPeoplePage } = {},
) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const given = page === 1 ? firstPage : undefined;
  const query = useQuery({
    ...trpc.finder.people.queryOptions({
      cycleId: address.cycleId,
      filters: address.filters,
      list,
      page,
      pageSize: FINDER_PAGE_SIZE,
    }),
    // Until the page asked for comes, the one shown before (or the first) stays.
    placeholderData: (previous) => keepPreviousData(previous) ?? firstPage,
    enabled: enabled && !given,
  });
  return {
    /** The page to show; undefined while the first is loading or after a failure (see `query`). */
    data: given ?? query.data,
    /** The page asked for is on its way; what shows is the one before. */
    loading: !given && query.isPlaceholderData,
    query,
    page,
    setPage,
  };
}
