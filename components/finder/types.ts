import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>["finder"];

export type FinderView = Outputs["view"];
export type FinderChart = NonNullable<FinderView["chart"]>;
export type FinderPeoplePage = Outputs["people"];
export type FinderPerson = FinderPeoplePage["people"][number];
export type Evidence = Outputs["evidence"];
export type CompositeFigure = Evidence["composite"]["others"];
