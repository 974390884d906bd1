import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

/** A published report as the page receives it: the shape of `reports.mine`'s output schema. */
export type MyReport = NonNullable<inferRouterOutputs<AppRouter>["reports"]["mine"]>;
export type ReportAxis = MyReport["competencies"][number];
export type ReportFigure = NonNullable<ReportAxis["groups"]["others"]>;
