import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

/** One feedback request as the rater's page receives it: the shape of `requests.form`'s output schema. */
export type FeedbackFormData = inferRouterOutputs<AppRouter>["requests"]["form"];
export type Relationship = FeedbackFormData["relationship"];
export type FormSection = FeedbackFormData["sections"][number];
export type FormStatement = FormSection["statements"][number];
export type FormQuestion = FeedbackFormData["questions"][number];
