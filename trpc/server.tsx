import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
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

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
