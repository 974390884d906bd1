"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useTRPC } from "@/trpc/react";

/** "I don't work with this person enough": the reason goes to HR's counts only, never to the subject. */
export function DeclineRequest({ assignmentId, subjectName }: { assignmentId: string; subjectName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const reasonId = useId();
  const decline = useMutation(
    trpc.requests.decline.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.inbox.pathFilter());
        await queryClient.invalidateQueries(trpc.requests.form.queryFilter({ assignmentId }));
        router.push("/");
      },
    }),
  );

  if (!open) {
    return (
      <p>
        <button type="button" className="button button-quiet" onClick={() => setOpen(true)}>
          I can’t give feedback on {subjectName}
        </button>
      </p>
    );
  }
  return (
    <section className="card" aria-labelledby="decline-heading">
      <h2 id="decline-heading">Decline this request</h2>
      <p className="muted">{subjectName} is not told who declined. Your draft, if any, is deleted.</p>
      <div className="field">
        <label htmlFor={reasonId}>Reason (optional, seen only by HR)</label>
        <textarea
          id={reasonId}
          className="input textarea"
          rows={2}
          maxLength={500}
          value={reason}
          placeholder="e.g. I haven't worked with them enough this year."
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      {decline.isError && (
        <p className="notice notice-error" role="alert">
          {decline.error.message}
        </p>
      )}
      <div className="row-start">
        <button
          type="button"
          className="button"
          disabled={decline.isPending}
          onClick={() => decline.mutate({ assignmentId, reason: reason.trim() || null })}
        >
          {decline.isPending ? "Declining…" : "Decline request"}
        </button>
        <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </section>
  );
}
