import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { RateLimited } from "@/server/api/rate-limits";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { getSignedInUser } from "@/server/auth/session";
import { readConfig } from "@/server/config";
import { drainingResponse, isDraining } from "@/server/http/draining";
import { refuseUnsafeWrite } from "@/server/http/request-guard";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  if (isDraining()) return drainingResponse();
  const refusal = refuseUnsafeWrite(req, readConfig().http);
  if (refusal) return Response.json({ error: { message: refusal.message } }, { status: refusal.status });
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createTRPCContext({ headers: req.headers, getUser: getSignedInUser }),
    responseMeta({ errors }) {
      const waits = errors.flatMap((error) => (error.cause instanceof RateLimited ? [error.cause.retryAfterSeconds] : []));
      return waits.length > 0 ? { headers: new Headers({ "Retry-After": String(Math.max(...waits)) }) } : {};
    },
    onError({ error, path }) {
      // Internal errors are logged without input, so no answer ever reaches the log.
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.message);
    },
  });
}

export { handler as GET, handler as POST };
