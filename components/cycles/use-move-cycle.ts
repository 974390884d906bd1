"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { PublishProgress } from "@/server/db/queries/publish-cycle";
import { useTRPC, useTRPCClient } from "@/trpc/react";

export type MoveTarget = "nominating" | "collecting" | "closed" | "published";

export interface MoveResult {
  requestsCreated: number;
}

/**
 * Moves a cycle one step on. Publishing streams where it stands, so HR sees
 * step n of m on a large cycle rather than a button that says "Publishing…"
 * for a minute; the other steps are one request each.
 */
export function useMoveCycle(cycleId: string, onMoved: (result: MoveResult) => void) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<PublishProgress | null>(null);

  const mutation = useMutation({
    mutationFn: async (to: MoveTarget): Promise<MoveResult> => {
      if (to !== "published") return client.cycles.advance.mutate({ cycleId, to });
      setProgress(null);
      const stream = await client.cycles.publish.mutate({ cycleId });
      for await (const event of stream) {
        if (event.kind === "progress") setProgress(event.progress);
        else return { requestsCreated: 0 };
      }
      // The stream ended without an outcome: the connection broke, and the
      // publish may still have finished on the server.
      throw new Error("The connection was lost while publishing. Reload the page to see whether the reports are published.");
    },
    onSuccess: async (result) => {
      await queryClient.invalidateQueries(trpc.cycles.pathFilter());
      onMoved(result);
    },
    onSettled: () => setProgress(null),
  });
  return { ...mutation, progress };
}
