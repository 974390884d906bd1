import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy, type TRPCQueryOptions } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache, type ReactNode } from "react";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { getSignedInUser } from "@/server/auth/session";
import { createQueryClient } from "./query-client";

const createContext = cache(async () =>
  createTRPCContext({ headers: new Headers(await headers()), getUser: getSignedInUser }),
);

export const getQueryClient = cache(createQueryClient);

/** tRPC options for server components: `getQueryClient().prefetchQuery(trpc.x.queryOptions())`. */
export const trpc = createTRPCOptionsProxy({ router: appRouter, ctx: createContext, queryClient: getQueryClient });

/**
 * Fetches what a page's first paint needs before the page renders, so that
 * the HTML carries the data and the client hydrates into the same markup.
 * (A prefetch left running would be dehydrated pending: the server would
 * render "Loading…" while the client, finding the data already arrived,
 * rendered it, and React would throw the page's markup away.) A query that
 * fails is left to the client, which shows the error where the data goes.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any procedure's options, as create-t3-turbo's helper takes them
export async function prefetch<T extends ReturnType<TRPCQueryOptions<any>>[]>(...queries: T): Promise<void> {
  const queryClient = getQueryClient();
  await Promise.all(queries.map((options) => queryClient.prefetchQuery(options)));
}

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
