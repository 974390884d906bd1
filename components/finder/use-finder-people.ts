"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";
import type { FinderAddress } from "./finder-url";

/** People per page in the finder's lists. */
export const FINDER_PAGE_SIZE = 50;

/**
 * One of the finder's lists of people (the shortlist or everyone in the view),
 * a page at a time; the page shown stays until the next has come.
 */
export function useFinderPeople(address: FinderAddress & { cycleId: string }, list: "shortlist" | "everyone", enabled = true) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const query = useQuery({
    ...trpc.finder.people.queryOptions({ cycleId: address.cycleId, filters: address.filters, list, page, pageSize: FINDER_PAGE_SIZE }),
    placeholderData: keepPreviousData,
    enabled,
  });
  return { query, page, setPage };
}
