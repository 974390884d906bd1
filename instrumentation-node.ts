/**
 * What every app server process runs beside its requests, started once from
 * instrumentation.ts in the Node.js runtime only (kept in its own file so
 * that the Edge bundle of instrumentation.ts never sees Node's APIs).
 */
export async function startServerProcess(): Promise<void> {
  // Next.js drains requests in flight on SIGTERM and then exits; from then on
  // new ones answer 503, and no new publish job is taken. (With
  // NEXT_MANUAL_SIG_HANDLE Next.js leaves signals to the operator, and a
  // listener here would keep SIGTERM from exiting.)
  if (!process.env.NEXT_MANUAL_SIG_HANDLE) {
    const { startDraining } = await import("./server/http/draining");
    process.once("SIGTERM", startDraining);
  }
  const { startReminderSchedule } = await import("./server/mail/schedule");
  startReminderSchedule();
  const { startProgressCountSchedule } = await import("./server/progress/schedule");
  startProgressCountSchedule();
  const { startPublishWorker } = await import("./server/publish/worker");
  startPublishWorker();
}
