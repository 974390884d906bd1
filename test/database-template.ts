/**
 * The integration tests' global set-up: one migrated database for the whole
 * run, which every test file's database is copied from (test/database.ts),
 * removed when the run ends.
 */
import type { TestProject } from "vitest/node";
import { createScratchTemplate, type ScratchTemplate } from "@/server/db/scratch";

declare module "vitest" {
  export interface ProvidedContext {
    migratedTemplate: ScratchTemplate;
  }
}

export default async function setup(project: TestProject) {
  const { template, remove } = await createScratchTemplate(process.env.DATABASE_URL || undefined, "uc_test_template");
  project.provide("migratedTemplate", template);
  return remove;
}
