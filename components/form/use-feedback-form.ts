"use client";

import { useMemo, useState } from "react";
import type { FeedbackFormData } from "./types";
import { useDraftAutosave } from "./use-draft-autosave";
import { useFormAnswers } from "./use-form-answers";
import { useSaveDraft } from "./use-save-draft";
import { useSetAsideAnswers } from "./use-set-aside-answers";
import { useSubmitWithRetry } from "./use-submit-with-retry";

/**
 * Everything the rater's form does, for the page to show: the answers, saved
 * as a draft as they change (and when the person leaves), the choice when
 * newer answers were saved elsewhere, and the submit, tried again by itself
 * when the server could not take it.
 */
export function useFeedbackForm(form: FeedbackFormData) {
  const [submitted, setSubmitted] = useState(form.status === "submitted");
  const [showMissing, setShowMissing] = useState(false);
  const open = form.cycle.status === "collecting" && !submitted && form.status !== "declined";

  const { basis, answers, started, start, rate, write, loadNewer, restore } = useFormAnswers(form, { submitted });
  const save = useSaveDraft(form.assignmentId);
  const { raised, setAside } = useSetAsideAnswers(form, { open, restore });
  const autosave = useDraftAutosave(answers, save, { basis, enabled: open && started, setAside, raised });
  const submit = useSubmitWithRetry(form.assignmentId, {
    onSubmitted: () => {
      autosave.stop();
      setSubmitted(true);
    },
    // Whatever went wrong, put the answers in the draft now rather than at the next pause.
    onFailed: () => void autosave.flush().catch(() => {}),
  });

  const statements = useMemo(() => form.sections.flatMap((s) => s.statements), [form.sections]);
  const missing = statements.filter((s) => answers.ratings[s.id] === undefined);
  const answered = statements.length - missing.length;
  const saveState = autosave.state;
  const newer = saveState.kind === "conflict" ? saveState.newer : null;
  /** The newer answers saved elsewhere, while the page asks which to keep. */
  const conflict = newer && {
    newer,
    answeredThere: statements.filter((s) => newer.value.ratings[s.id] !== undefined).length,
  };

  function handleSubmit(event: React.FormEvent) {
    event.preventDefault();
    if (submit.pending) return;
    if (missing.length > 0) {
      setShowMissing(true);
      document.getElementById("missing-summary")?.focus();
      return;
    }
    submit.submitAnswers(answers);
  }

  return {
    open,
    submitted,
    started,
    start,
    answers,
    rate,
    write,
    statements,
    missing,
    answered,
    showMissing,
    saveState,
    conflict,
    loadNewer,
    keepMine: () => void autosave.keepMine(),
    handleSubmit,
    submit,
  };
}
