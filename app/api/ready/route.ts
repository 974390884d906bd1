import { sql } from "drizzle-orm";
import { getDb } from "@/server/db";
import { isDraining } from "@/server/http/draining";
import { checkReadiness } from "@/server/http/readiness";

/** Readiness: 200 when this server can reach its database, 503 (with the reason) when it cannot. */
export const dynamic = "force-dynamic";

export async function GET() {
  const readiness = isDraining()
    ? ({ ready: false, reason: "This server is shutting down." } as const)
    : await checkReadiness(async () => (await getDb()).execute(sql`select 1`));
  return Response.json(readiness.ready ? { status: "ready" } : { status: "not ready", reason: readiness.reason }, {
    status: readiness.ready ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
