"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useCallback, useRef, useState } from "react";
import type { AppRouter } from "@/server/api/root";
import { type Answers, sameAnswers } from "@/lib/answers";
import { keepaliveClient } from "@/trpc/keepalive";
import { useTRPC } from "@/trpc/react";
import type { SaveOutcome, SaveTransport } from "./use-draft-autosave";

/** The draft saved since from elsewhere, when the server refused a save for it. */
function newerDraftIn(error: unknown) {
  return error instanceof TRPCClientError ? ((error as TRPCClientError<AppRouter>).data?.newerDraft ?? null) : null;
}

/**
 * The autosave's way to the server for one request: a save from the page, or
 * one that outlives it (keepalive). What a save stored is written into the
 * form's cache, so that coming back to the form opens on it; a refusal for
 * newer answers comes back as those answers.
 */
export function useSaveDraft(assignmentId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  /** Puts a save into the cache, so that coming back to the form opens on it. */
  const rememberSaved = useCallback(
    (saved: Answers, { savedAt, version, superseded }: { savedAt: Date; version: number; superseded: boolean }) => {
      if (superseded) return; // the page's later save is what is stored
      queryClient.setQueryData(trpc.requests.form.queryKey({ assignmentId }), (cached) =>
        cached && cached.draftVersion < version
          ? { ...cached, status: "in_progress" as const, draft: saved, draftSavedAt: savedAt, draftVersion: version }
          : cached,
      );
      // The home page lists the request as "Draft saved".
      void queryClient.invalidateQueries(trpc.inbox.pathFilter());
    },
    [queryClient, trpc, assignmentId],
  );
  // Kept in the mutation's own options, not mutate()'s: they run even when the
  // save finishes after the form is gone (sent on leaving the page).
  const saveDraft = useMutation(
    trpc.requests.saveDraft.mutationOptions({ onSuccess: (saved, input) => rememberSaved(input.answers, saved) }),
  );
  const { mutateAsync: sendDraft } = saveDraft;
  // This opening of the form, and how many saves it has sent: the server lets
  // its later save replace its own earlier one (server/db/queries/submission/draft.ts).
  const [pageId] = useState(() => crypto.randomUUID());
  const saves = useRef(0);
  return useCallback(
    async (value: Answers, basedOnVersion: number, transport: SaveTransport): Promise<SaveOutcome<Answers>> => {
      const input = { assignmentId, answers: value, basedOnVersion, page: { id: pageId, save: ++saves.current } };
      try {
        const saved =
          transport === "page" ? await sendDraft(input) : await keepaliveClient.requests.saveDraft.mutate(input);
        if (transport === "keepalive") rememberSaved(value, saved);
        return saved.superseded
          ? { kind: "superseded" }
          : { kind: "saved", savedAt: saved.savedAt, version: saved.version };
      } catch (error) {
        const newer = newerDraftIn(error);
        if (!newer) throw error;
        // The newer draft can be these very answers: a save from this page
        // that was stored although its answer never arrived.
        if (sameAnswers(newer.answers, value)) return { kind: "saved", savedAt: newer.savedAt, version: newer.version };
        return { kind: "newer", newer: { value: newer.answers, savedAt: newer.savedAt, version: newer.version } };
      }
    },
    [assignmentId, pageId, sendDraft, rememberSaved],
  );
}
