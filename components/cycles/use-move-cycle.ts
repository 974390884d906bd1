"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

/** The steps that are one request each; publishing is a job (./use-publish.ts). */
export type AdvanceTarget = "nominating" | "collecting" | "closed";
export type MoveTarget = AdvanceTarget | "published";

export interface MoveResult {
  requestsCreated: number;
}

/** Moves a cycle one step on: open nominations, start collecting, close. */
export function useMoveCycle(cycleId: string, onMoved: (result: MoveResult) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.cycles.advance.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries(trpc.cycles.pathFilter());
        onMoved(result);
      },
    }),
  );
}
