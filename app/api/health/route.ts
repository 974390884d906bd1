/** Liveness: the process answers. Never touches the database, so a database
 *  outage does not get healthy servers restarted; /api/ready says whether to send traffic. */
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "alive" }, { headers: { "Cache-Control": "no-store" } });
}
