import { getDb } from "@/server/db";
import { exportOrgChart } from "@/server/db/queries/org-import";
import { getSignedInUser } from "@/server/auth/session";
import { toCsv } from "@/server/domain/csv";
import { IMPORT_COLUMNS, orgChartRows } from "@/server/domain/org-import";

export const dynamic = "force-dynamic";

/** Everyone active, in the import's format: edit it and import it back. HR only. */
export async function GET() {
  const user = await getSignedInUser();
  if (!user) return new Response("Sign in to continue.", { status: 401 });
  if (!user.roles.hr && !user.roles.admin) return new Response("Only HR can do this.", { status: 403 });
  const people = await exportOrgChart(await getDb());
  const day = new Date().toISOString().slice(0, 10);
  return new Response(toCsv(IMPORT_COLUMNS, orgChartRows(people)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="org-chart-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
