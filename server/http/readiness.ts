/**
 * Liveness and readiness, as a load balancer or an orchestrator asks: alive
 * while the process answers at all; ready when the database answers too (a
 * trivial query, within a short time), so that traffic goes elsewhere while
 * it does not. Plain function of a database probe, tested without a server.
 */

export type Readiness = { ready: true } | { ready: false; reason: string };

/** How long the database may take to answer a probe before the server counts as not ready. */
export const READINESS_TIMEOUT_MS = 2_000;

export async function checkReadiness(
  probe: () => Promise<unknown>,
  timeoutMs = READINESS_TIMEOUT_MS,
): Promise<Readiness> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), timeoutMs);
  });
  try {
    const outcome = await Promise.race([probe().then(() => "answered" as const), late]);
    return outcome === "answered"
      ? { ready: true }
      : { ready: false, reason: `The database did not answer within ${timeoutMs / 1000} s.` };
  } catch {
    // The error itself may name hosts or users: the reason stays general.
    return { ready: false, reason: "The database does not answer." };
  } finally {
    clearTimeout(timer);
  }
}
