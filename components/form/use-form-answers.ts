"use client";

import { useState } from "react";
import type { Answers, RatingAnswer } from "@/lib/answers";
import type { FeedbackFormData } from "./types";
import type { StoredDraft } from "./use-draft-autosave";

const emptyAnswers: Answers = { ratings: {}, comments: {} };

/** The draft the server holds for the request, as the autosave counts it. */
export function storedDraftOf(form: FeedbackFormData): StoredDraft<Answers> {
  return { value: form.draft ?? emptyAnswers, savedAt: form.draftSavedAt, version: form.draftVersion };
}

/**
 * The answers on the page, and the stored draft they started from (`basis`,
 * which each save names). Whether the person has started, and whether they
 * have changed anything since the page took the stored draft.
 */
export function useFormAnswers(form: FeedbackFormData, { submitted }: { submitted: boolean }) {
  const [basis, setBasis] = useState(() => storedDraftOf(form));
  const [answers, setAnswers] = useState<Answers>(basis.value);
  const [edited, setEdited] = useState(false);
  const [started, setStarted] = useState(form.draft !== null);

  // The form can first render from a cached copy a moment before a newer one
  // arrives: the server's copy for this visit is put in the cache only after
  // the first render, and a save sent on leaving the page may land after
  // coming back. Until the person changes something, show the newest draft.
  if (!edited && !submitted && form.draftVersion > basis.version) {
    const newer = storedDraftOf(form);
    setBasis(newer);
    setAnswers(newer.value);
    if (form.draft) setStarted(true);
  }

  const rate = (statementId: string, value: RatingAnswer) => {
    setEdited(true);
    setAnswers((a) => ({ ...a, ratings: { ...a.ratings, [statementId]: value } }));
  };
  const write = (questionId: string, text: string) => {
    setEdited(true);
    setAnswers((a) => ({ ...a, comments: { ...a.comments, [questionId]: text } }));
  };
  /** The person chose the answers saved elsewhere over the ones on this page. */
  const loadNewer = (newer: StoredDraft<Answers>) => {
    setBasis(newer);
    setAnswers(newer.value);
    setEdited(false);
  };
  /** Answers left on the page earlier, put back as the person's own changes. */
  const restore = (kept: Answers) => {
    setAnswers(kept);
    setEdited(true);
    setStarted(true);
  };

  return { basis, answers, started, start: () => setStarted(true), rate, write, loadNewer, restore };
}
