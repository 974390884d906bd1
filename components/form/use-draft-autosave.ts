"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "failed"; message: string; lastSavedAt: Date | null };

/**
 * Saves a value a moment after it stops changing. "Saved" is only reported
 * once the server has confirmed; a failed save is retried, and the value stays
 * on the page in the meantime. `flush()` saves now and resolves when it has
 * (used before submitting and when leaving).
 */
export function useDraftAutosave<T>(
  value: T,
  save: (value: T) => Promise<{ savedAt: Date }>,
  options: { initialSavedAt: Date | null; enabled: boolean; delayMs?: number },
) {
  const delay = options.delayMs ?? 1000;
  const [state, setState] = useState<SaveState>(
    options.initialSavedAt ? { kind: "saved", at: options.initialSavedAt } : { kind: "idle" },
  );
  const latest = useRef(value);
  const savedVersion = useRef(0);
  const version = useRef(0);
  const inFlight = useRef<Promise<void> | null>(null);
  const lastSavedAt = useRef<Date | null>(options.initialSavedAt);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  const runSave = useCallback(async (): Promise<void> => {
    if (inFlight.current) await inFlight.current;
    if (savedVersion.current === version.current) return;
    const saving = version.current;
    setState({ kind: "saving" });
    const attempt = saveRef
      .current(latest.current)
      .then(({ savedAt }) => {
        savedVersion.current = Math.max(savedVersion.current, saving);
        lastSavedAt.current = savedAt;
        setState(savedVersion.current === version.current ? { kind: "saved", at: savedAt } : { kind: "saving" });
      })
      .catch((error: unknown) => {
        setState({
          kind: "failed",
          message: error instanceof Error ? error.message : "The server did not answer.",
          lastSavedAt: lastSavedAt.current,
        });
        throw error;
      })
      .finally(() => {
        inFlight.current = null;
      });
    inFlight.current = attempt.catch(() => {});
    await attempt;
  }, []);

  const isFirstRender = useRef(true);
  useEffect(() => {
    if (isFirstRender.current) {
      isFirstRender.current = false;
      return;
    }
    latest.current = value;
    version.current += 1;
    if (!options.enabled) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      runSave().catch(() => {
        // Try again a little later; the answers are still on the page.
        timer.current = setTimeout(() => void runSave().catch(() => {}), 5000);
      });
    }, delay);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [value, delay, options.enabled, runSave]);

  // Leaving with unsaved answers: let the browser ask first.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (options.enabled && savedVersion.current !== version.current) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [options.enabled]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    await runSave();
  }, [runSave]);

  /** Stops autosaving, e.g. once the answers are submitted and the draft is gone. */
  const stop = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    savedVersion.current = version.current;
  }, []);

  return { state, flush, stop };
}
