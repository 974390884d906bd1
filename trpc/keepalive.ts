"use client";

import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";

/**
 * A tRPC client whose requests outlive the page: a fetch with `keepalive`, so
 * that a draft sent as the tab is hidden or closed still reaches the server.
 * (`navigator.sendBeacon` cannot be used: it sends text/plain, and the API
 * takes changes only as same-origin JSON — server/http/request-guard.ts.)
 * Browsers cap what such requests carry at 64 KiB in all; a draft is far
 * smaller unless its comments are near their 4,000 characters each, and a
 * request over the cap fails like any other save that did not land.
 */
export const keepaliveClient = createTRPCClient<AppRouter>({
  links: [
    httpLink({
      url: "/api/trpc",
      transformer: superjson,
      fetch: (input, init) => fetch(input, { ...init, keepalive: true, credentials: "same-origin" }),
    }),
  ],
});
