"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useEffect, useEffectEvent, useRef } from "react";
import type { AppRouter } from "@/server/api/root";
import { useTRPC } from "@/trpc/react";

export type PublishStatus = NonNullable<inferRouterOutputs<AppRouter>["cycles"]["publishStatus"]>;

const isActive = (job: PublishStatus | null | undefined) => job?.state === "queued" || job?.state === "running";

/**
 * Publishing a closed cycle. The click queues a job on the server; where it
 * stands is read from the database every second, so it shows the same on
 * every app server, after a reload, and in another HR person's tab; a
 * second click joins the job already running. When a job this page watched
 * ends done, the cycle's views are refreshed and `onPublished` runs.
 */
export function usePublish(
  cycleId: string,
  { watch, cycleClosed, onPublished }: { watch: boolean; cycleClosed: boolean; onPublished: () => void },
) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const statusKey = trpc.cycles.publishStatus.queryKey({ cycleId });
  const status = useQuery({
    ...trpc.cycles.publishStatus.queryOptions({ cycleId }),
    enabled: watch,
    refetchInterval: (query) => (isActive(query.state.data) ? 1000 : false),
  });
  const start = useMutation(
    trpc.cycles.publish.mutationOptions({
      onSuccess: (result) => queryClient.setQueryData(statusKey, result.job),
    }),
  );
  const job = status.data ?? null;
  const active = isActive(job);

  const watchedRunning = useRef(false);
  const published = useEffectEvent(onPublished);
  useEffect(() => {
    if (active) {
      watchedRunning.current = true;
      return;
    }
    const sawItRun = watchedRunning.current;
    watchedRunning.current = false;
    // Done while the page still shows the cycle closed: it was published here or elsewhere.
    if (job?.state === "done" && cycleClosed) {
      void queryClient.invalidateQueries(trpc.cycles.pathFilter());
      if (sawItRun) published();
    }
  }, [active, job?.state, cycleClosed, queryClient, trpc]);

  const startedHere = start.data?.job.id;
  return {
    job,
    active,
    pending: start.isPending || active,
    /** Why the publish asked for from this page failed, if it did. */
    error: start.error?.message ?? (job?.state === "failed" && job.id === startedHere ? job.error : null),
    start: () => {
      if (!start.isPending && !active) start.mutate({ cycleId });
    },
    reset: () => start.reset(),
  };
}
