"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/** A draft as the server stores it: the value, when it was saved, and the
 *  version the next save must name. */
export interface StoredDraft<T> {
  value: T;
  savedAt: Date | null;
  version: number;
}

/** A draft the server has stored at least once: the newer answers a save can be refused for. */
export type SavedDraft<T> = StoredDraft<T> & { savedAt: Date };

/** How a save reaches the server: with the page's own client, or as a request
 *  that outlives the page (when the tab is hidden or closed). */
export type SaveTransport = "page" | "keepalive";

/** What a save came to, short of failing: written, or refused because newer
 *  answers were saved since (from another tab or device). */
export type SaveOutcome<T> =
  | { kind: "saved"; savedAt: Date; version: number }
  | { kind: "newer"; newer: SavedDraft<T> }
  /** A save that arrived after a later one from this page, which stands: nothing to record. */
  | { kind: "superseded" };

export type SaveState<T = unknown> =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "failed"; message: string; lastSavedAt: Date | null }
  /** Saving stopped: the page's answers are older than the stored ones. Nothing
   *  is saved until the person chooses (load the newer ones, or keep these). */
  | { kind: "conflict"; newer: SavedDraft<T> };

function stateFor<T>(stored: StoredDraft<T>): SaveState<T> {
  return stored.savedAt ? { kind: "saved", at: stored.savedAt } : { kind: "idle" };
}

/**
 * Saves a value a moment after it stops changing, and whatever is still
 * unsaved when the person leaves: when the form unmounts (a link elsewhere in
 * the app), and as a request that outlives the page when the tab is hidden or
 * closed. "Saved" is only reported once the server has confirmed; a failed
 * save is retried, and the value stays on the page in the meantime.
 *
 * Each save names the stored version the value was based on (`basis`, then
 * each save's answer). A save the server refuses because a newer version was
 * saved elsewhere stops autosaving and reports the newer draft: the page asks
 * the person, and either passes the newer draft back as the new `basis` (it
 * loaded it) or calls `keepMine()`.
 *
 * Answers left behind during such a conflict — a link elsewhere in the app,
 * the back button, a reload — are handed to `setAside` (the page keeps them
 * for the tab) and cleared from it once the person has chosen; a page that
 * finds answers set aside puts them back and raises the conflict again
 * (`raised`, the newer stored answers).
 *
 * `flush()` saves now and resolves when it has (before submitting).
 */
export function useDraftAutosave<T>(
  value: T,
  save: (value: T, basedOnVersion: number, transport: SaveTransport) => Promise<SaveOutcome<T>>,
  options: {
    basis: StoredDraft<T>;
    enabled: boolean;
    delayMs?: number;
    setAside?: (value: T | null) => void;
    /** Newer stored answers the page's (set-aside) answers conflict with. */
    raised?: SavedDraft<T> | null;
  },
) {
  const delay = options.delayMs ?? 1000;
  const { basis, enabled } = options;
  const raised = options.raised ?? null;
  const [state, setState] = useState<SaveState<T>>(() => stateFor(basis));

  // Set-aside answers are back on the page: ask again which to keep.
  const [shownRaised, setShownRaised] = useState(raised);
  if (shownRaised !== raised) {
    setShownRaised(raised);
    if (raised) setState({ kind: "conflict", newer: raised });
  }

  // A new basis (the page loaded a newer draft) is what is stored now: show it as saved.
  const [shownBasis, setShownBasis] = useState(basis);
  if (shownBasis !== basis) {
    setShownBasis(basis);
    setState(stateFor(basis));
  }

  const latest = useRef(value);
  /** The value the server holds, as far as this page knows, and its version. */
  const stored = useRef(basis.value);
  const storedVersion = useRef(basis.version);
  const lastSavedAt = useRef<Date | null>(basis.savedAt);
  const conflict = useRef<(SaveOutcome<T> & { kind: "newer" }) | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saveRef = useRef(save);
  const enabledRef = useRef(enabled);
  const setAsideRef = useRef(options.setAside);
  useEffect(() => {
    saveRef.current = save;
    enabledRef.current = enabled;
    setAsideRef.current = options.setAside;
  }, [save, enabled, options.setAside]);

  // Declared before the effect that watches the value, so that a value which
  // is the new basis itself is seen as stored, not as a change to save. A
  // new basis (the person loaded the newer answers) ends a conflict.
  const firstBasis = useRef(basis);
  useEffect(() => {
    stored.current = basis.value;
    storedVersion.current = basis.version;
    lastSavedAt.current = basis.savedAt;
    if (basis !== firstBasis.current && conflict.current) {
      conflict.current = null;
      setAsideRef.current?.(null);
    }
  }, [basis]);
  useEffect(() => {
    if (raised) conflict.current = { kind: "newer", newer: raised };
  }, [raised]);

  /** `leaving`: the page is going away and cannot wait for a save still on its
   *  way; the latest answers are sent at once, and replace that save if it is stored. */
  const runSave = useCallback(async (transport: SaveTransport = "page", leaving = false): Promise<void> => {
    if (inFlight.current && !leaving) await inFlight.current;
    if (conflict.current || stored.current === latest.current) return;
    const sending = latest.current;
    setState({ kind: "saving" });
    const attempt = saveRef
      .current(sending, storedVersion.current, transport)
      .then((outcome) => {
        if (outcome.kind === "superseded") return;
        if (outcome.kind === "newer") {
          conflict.current = outcome;
          setState({ kind: "conflict", newer: outcome.newer });
          return;
        }
        // Sent on leaving without waiting, a later save can be answered first.
        if (outcome.version <= storedVersion.current) return;
        stored.current = sending;
        storedVersion.current = outcome.version;
        lastSavedAt.current = outcome.savedAt;
        setState(stored.current === latest.current ? { kind: "saved", at: outcome.savedAt } : { kind: "saving" });
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

  useEffect(() => {
    latest.current = value;
    if (!enabled || value === stored.current) return;
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
  }, [value, delay, enabled, runSave]);

  // Leaving for another page of the app unmounts the form: save what the
  // pause has not saved yet. The request goes on after the form is gone.
  useEffect(
    () => () => {
      if (conflict.current) {
        setAsideRef.current?.(latest.current);
        return;
      }
      setAsideRef.current?.(null);
      if (enabledRef.current) void runSave().catch(() => {});
    },
    [runSave],
  );

  // Hiding or closing the tab: the page may not live to see a normal request
  // through, so this one is sent to outlive it.
  useEffect(() => {
    if (!enabled) return;
    // Hidden, the page may still come back (another tab, the phone's home
    // screen): its saves keep their order. Closed or navigated away from, it
    // cannot wait for the one on its way.
    const saveBeforeHiding = (leaving: boolean) => {
      if (conflict.current) setAsideRef.current?.(latest.current);
      void runSave("keepalive", leaving).catch(() => {});
    };
    const saveBeforeLeaving = () => saveBeforeHiding(true);
    const onVisibilityChange = () => {
      if (document.visibilityState === "hidden") saveBeforeHiding(false);
    };
    // Closing or reloading with unsaved answers: the save is sent here, the
    // first the page hears of it and while it is still whole, rather than
    // only at pagehide, when a busy browser is already taking it down; the
    // browser also asks first, in case it does not land. A person who stays
    // has simply saved a little early.
    const warn = (event: BeforeUnloadEvent) => {
      if (!conflict.current && stored.current === latest.current) return;
      event.preventDefault();
      saveBeforeLeaving();
    };
    document.addEventListener("visibilitychange", onVisibilityChange);
    window.addEventListener("pagehide", saveBeforeLeaving);
    window.addEventListener("beforeunload", warn);
    return () => {
      document.removeEventListener("visibilitychange", onVisibilityChange);
      window.removeEventListener("pagehide", saveBeforeLeaving);
      window.removeEventListener("beforeunload", warn);
    };
  }, [enabled, runSave]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    await runSave();
  }, [runSave]);

  /** After a refused save: write the page's answers over the newer ones, as the person chose. */
  const keepMine = useCallback(async () => {
    const refused = conflict.current;
    if (!refused) return;
    conflict.current = null;
    setAsideRef.current?.(null);
    storedVersion.current = refused.newer.version;
    stored.current = refused.newer.value;
    await runSave().catch(() => {});
  }, [runSave]);

  /** Stops autosaving, e.g. once the answers are submitted and the draft is gone. */
  const stop = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    stored.current = latest.current;
  }, []);

  return { state, flush, keepMine, stop };
}
