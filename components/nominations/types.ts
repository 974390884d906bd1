import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>["nominations"];

export type MyCycleNominations = Outputs["mine"][number];
export type Nomination = MyCycleNominations["nominations"][number];
export type Suggestion = MyCycleNominations["suggestions"][number];
export type SearchResult = Outputs["searchPeople"][number];
export type TeamCycleSummary = Outputs["teamCycles"][number];
export type TeamNominations = Outputs["forTeam"];
export type TeamMember = TeamNominations["members"][number];
export type PersonCard = Pick<SearchResult, "id" | "name" | "title" | "department">;
