/**
 * Next.js calls `register` once when a server process starts (`next start`
 * and `next dev` alike, however it was launched). It is the one place that
 * runs inside the process owning the database: `npm start` prepares the
 * database in its own process and closes it before starting Next, because
 * PGlite allows a single process per data folder — so the reminder schedule,
 * the daily progress count and the publish worker cannot live in
 * scripts/start.ts. Not during `next build`, whose workers must never open
 * the data.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startServerProcess } = await import("./instrumentation-node");
  await startServerProcess();
}
