import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

/** What a preview is asked for, and an apply sends again: the file's text and the option. */
export type ImportSource = inferRouterInputs<AppRouter>["people"]["previewImport"];
/** What the file would change, as the page receives it: the shape of `people.previewImport`'s output schema. */
export type ImportPreview = inferRouterOutputs<AppRouter>["people"]["previewImport"];
export type ImportCounts = ImportPreview["counts"];
export type PersonChange = ImportPreview["changed"][number];
