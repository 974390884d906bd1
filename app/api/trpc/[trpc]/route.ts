import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { RateLimited } from "@/server/api/rate-limits";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { getSignedInUser } from "@/server/auth/session";
import { readConfig } from "@/server/config";
import { drainingResponse, isDraining } from "@/server/http/draining";
import { requestIdOf } from "@/server/http/forwarded";
import { errorFields, log } from "@/server/log";
import { refuseUnsafeWrite } from "@/server/http/request-guard";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  if (isDraining()) return drainingResponse();
  const { http } = readConfig();
  const refusal = refuseUnsafeWrite(req, http);
  if (refusal) return Response.json({ error: { message: refusal.message } }, { status: refusal.status });
  const requestId = requestIdOf(req.headers, http.trustProxy);
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createTRPCContext({ headers: req.headers, getUser: getSignedInUser }),
    responseMeta({ errors }) {
      const headers = new Headers({ "X-Request-Id": requestId });
      const waits = errors.flatMap((error) =>
        error.cause instanceof RateLimited ? [error.cause.retryAfterSeconds] : [],
      );
      if (waits.length > 0) headers.set("Retry-After", String(Math.max(...waits)));
      return { headers };
    },
    onError({ error, path }) {
      // Internal errors are logged without input, so no answer ever reaches the log.
      if (error.code === "INTERNAL_SERVER_ERROR")
        log.error("tRPC call failed", { path: path ?? "?", requestId, ...errorFields(error) });
    },
  });
}

export { handler as GET, handler as POST };
