"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { Answers } from "@/lib/answers";
import { useTRPC } from "@/trpc/react";
import { retryDelaySeconds } from "./submit-retry";
import { useSecondsUntil } from "./use-seconds-until";

/** The next try of a submit that failed for want of a server: which one, when (ms), with what. */
interface SubmitRetry {
  attempt: number;
  at: number;
  answers: Answers;
}

/** Where the submit stands, for the page to show. */
export interface SubmitProgress {
  pending: boolean;
  /** A failed submit will be tried again by itself. */
  retrying: boolean;
  secondsToRetry: number | null;
  /** A refusal that no retry will change, to show as it is; null while retrying or before any. */
  failure: { code: string | undefined; message: string } | null;
}

/**
 * Submitting the answers of one request, once. A submit the server could not
 * take (down, restarting, busy, silent past the client's time limit) is tried
 * again by itself. One that was stored although its answer never arrived is
 * answered "submitted" on the retry (submitAnswers).
 *
 * `onSubmitted` runs when the server has the answers; `onFailed` at each
 * failure, before the retry (if any) is planned.
 */
export function useSubmitWithRetry(
  assignmentId: string,
  { onSubmitted, onFailed }: { onSubmitted: () => void; onFailed: () => void },
): SubmitProgress & { submitAnswers: (answers: Answers) => void } {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [retry, setRetry] = useState<SubmitRetry | null>(null);
  const submit = useMutation(
    trpc.requests.submit.mutationOptions({
      onSuccess: () => {
        setRetry(null);
        onSubmitted();
        // The draft is gone with the submit: coming back must not open a form on it.
        queryClient.setQueryData(
          trpc.requests.form.queryKey({ assignmentId }),
          (cached) => cached && { ...cached, status: "submitted" as const, draft: null, draftSavedAt: null },
        );
        void queryClient.invalidateQueries(trpc.inbox.pathFilter());
        window.scrollTo({ top: 0 });
      },
      onError: (error, variables) => {
        onFailed();
        setRetry((previous) => {
          const attempt = (previous?.attempt ?? 0) + 1;
          const wait = retryDelaySeconds(error, attempt);
          return wait === null ? null : { attempt, at: Date.now() + wait * 1000, answers: variables.answers };
        });
      },
    }),
  );
  const { mutate: submitNow } = submit;
  useEffect(() => {
    if (!retry) return;
    const timer = setTimeout(() => submitNow({ assignmentId, answers: retry.answers }), retry.at - Date.now());
    return () => clearTimeout(timer);
  }, [retry, submitNow, assignmentId]);
  const secondsToRetry = useSecondsUntil(retry && !submit.isPending ? retry.at : null);

  /** Sends the answers now, in place of any retry waiting. */
  const submitAnswers = (answers: Answers) => {
    setRetry(null);
    submit.mutate({ assignmentId, answers });
  };

  const failure = submit.isError && !retry ? { code: submit.error.data?.code, message: submit.error.message } : null;

  return { submitAnswers, pending: submit.isPending, retrying: retry !== null, secondsToRetry, failure };
}
