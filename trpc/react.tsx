"use client";

import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, type Operation, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { type ReactNode, useState } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";
import { ANSWER_WITHIN_MS, fetchWithTimeout } from "./fetch-with-timeout";
import { createQueryClient } from "./query-client";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/**
 * Which calls give up on a silent server and may be sent again: reads, and a
 * rater's draft, submit and decline, which the server takes once however
 * often they arrive. An administrator's change (create a cycle, apply an
 * import) is left to finish however long it takes: giving up on it would
 * invite a second one while the first is still running.
 */
function mayGiveUp(op: Operation): boolean {
  return op.type === "query" || op.path.startsWith("requests.");
}

let browserQueryClient: QueryClient | undefined;
function getQueryClient(): QueryClient {
  // On the server every request gets its own client; in the browser one is kept.
  if (typeof window === "undefined") return createQueryClient();
  return (browserQueryClient ??= createQueryClient());
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        splitLink({
          condition: mayGiveUp,
          true: httpBatchLink({ url: "/api/trpc", transformer: superjson, fetch: fetchWithTimeout(ANSWER_WITHIN_MS) }),
          false: httpBatchLink({ url: "/api/trpc", transformer: superjson }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
