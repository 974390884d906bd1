import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import type { MoveTarget } from "./use-move-cycle";

/** One cycle as HR's page receives it: the shape of `cycles.detail`'s output schema. */
export type CycleDetailData = inferRouterOutputs<AppRouter>["cycles"]["detail"];
export type Status = CycleDetailData["status"];
export type Target = MoveTarget;
