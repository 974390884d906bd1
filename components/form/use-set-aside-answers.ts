"use client";

import { useCallback, useState, useSyncExternalStore } from "react";
import { type Answers, sameAnswers } from "@/lib/answers";
import { setAsideAnswers, setAsideSnapshot, writeSetAside } from "./set-aside";
import type { FeedbackFormData } from "./types";
import type { SavedDraft } from "./use-draft-autosave";
import { storedDraftOf } from "./use-form-answers";

/** Session storage tells nobody when it changes in this tab; the form reads it once it is in the browser. */
const noSubscription = () => () => {};

/**
 * Answers left here while the form asked which to keep (a link elsewhere, the
 * back button, a reload) come back, and so does the question: `restore` puts
 * them on the page, and `raised` is the newer stored draft to ask about again.
 * `setAside` is what the autosave keeps them with, and clears them once the
 * person has chosen.
 */
export function useSetAsideAnswers(
  form: FeedbackFormData,
  { open, restore }: { open: boolean; restore: (kept: Answers) => void },
) {
  // Read after hydration: the server has no session storage.
  const keptSnapshot = useSyncExternalStore(
    noSubscription,
    () => setAsideSnapshot(form.assignmentId),
    () => null,
  );
  const [keptSeen, setKeptSeen] = useState<string | null>(null);
  const [raised, setRaised] = useState<SavedDraft<Answers> | null>(null);
  if (keptSnapshot !== null && keptSnapshot !== keptSeen && !raised) {
    setKeptSeen(keptSnapshot);
    const kept = setAsideAnswers(keptSnapshot);
    const stored = storedDraftOf(form);
    if (kept && open && !sameAnswers(kept, stored.value)) {
      restore(kept);
      // Against stored answers this copy knows, ask at once; a copy older than
      // the server's gets its first save refused, which asks the same.
      if (stored.savedAt !== null) setRaised({ ...stored, savedAt: stored.savedAt });
    }
  }
  // The stored answers can arrive newer than the copy the form first rendered from.
  if (raised && form.draftVersion > raised.version && form.draft && form.draftSavedAt) {
    setRaised({ value: form.draft, savedAt: form.draftSavedAt, version: form.draftVersion });
  }
  const setAside = useCallback(
    (value: Answers | null) => {
      writeSetAside(form.assignmentId, value);
      // Chosen: the question is answered, and a save of these answers is not a newer draft to ask about.
      if (value === null) setRaised(null);
    },
    [form.assignmentId],
  );
  return { raised, setAside };
}
