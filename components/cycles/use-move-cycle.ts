"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import { useTRPC } from "@/trpc/react";

type Advance = inferRouterInputs<AppRouter>["cycles"]["advance"];

/** The steps that are one request each (`cycles.advance`); publishing is a job (./use-publish.ts). */
export type MoveTarget = Advance["to"] | "published";
export type MoveResult = inferRouterOutputs<AppRouter>["cycles"]["advance"];

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
