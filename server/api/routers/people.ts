import { Refusal } from "../../domain/refusal";
import { z } from "zod";
import { MAX_IMPORT_CHARS, type ImportPlan } from "../../domain/org-import";
import { applyOrgImport, importCounts, previewOrgImport } from "../../db/queries/org-import";
import { recordAudit } from "../../db/queries/audit";
import { signOutEverywhere } from "../../db/queries/people";
import { adminProcedure, createTRPCRouter, hrProcedure } from "../trpc";

const importInput = z.strictObject({
  csv: z
    .string()
    .max(
      MAX_IMPORT_CHARS,
      `The file is larger than ${MAX_IMPORT_CHARS / 1024 / 1024} MB: split it into smaller files.`,
    ),
  deactivateMissing: z.boolean(),
});

/** A preview lists at most this many people of each kind; the counts are always whole. */
export const PREVIEW_LIST_LIMIT = 500;

const counts = z.object({
  added: z.number().int(),
  changed: z.number().int(),
  reactivated: z.number().int(),
  deactivated: z.number().int(),
  unchanged: z.number().int(),
});

const fieldChange = z.object({ field: z.string(), from: z.string(), to: z.string() });
const personChange = z.object({
  row: z.number().int().nullable(),
  email: z.string(),
  name: z.string(),
  changes: z.array(fieldChange),
});

const previewOutput = z.object({
  rows: z.number().int(),
  rowsWithProblems: z.number().int(),
  counts,
  problemCount: z.number().int(),
  problems: z.array(
    z.object({ row: z.number().int(), column: z.string().nullable(), kind: z.string(), message: z.string() }),
  ),
  added: z.array(
    z.object({
      row: z.number().int(),
      email: z.string(),
      name: z.string(),
      title: z.string(),
      department: z.string(),
      managerEmail: z.string().nullable(),
      level: z.number().int().nullable(),
    }),
  ),
  changed: z.array(personChange),
  reactivated: z.array(personChange),
  deactivated: z.array(z.object({ email: z.string(), name: z.string() })),
  /** Whether the lists were cut to PREVIEW_LIST_LIMIT entries. */
  listsCut: z.boolean(),
});

function shapePreview(plan: ImportPlan): z.infer<typeof previewOutput> {
  const cut = <T>(list: T[]) => list.slice(0, PREVIEW_LIST_LIMIT);
  const lists = [plan.problems, plan.added, plan.changed, plan.reactivated, plan.deactivated];
  return {
    rows: plan.rows,
    rowsWithProblems: plan.rowsWithProblems,
    counts: importCounts(plan),
    problemCount: plan.problems.length,
    problems: cut(plan.problems),
    added: cut(plan.added).map(({ row, email, name, title, department, managerEmail, level }) => ({
      row,
      email,
      name,
      title,
      department,
      managerEmail,
      level,
    })),
    changed: cut(plan.changed),
    reactivated: cut(plan.reactivated),
    deactivated: cut(plan.deactivated),
    listsCut: lists.some((list) => list.length > PREVIEW_LIST_LIMIT),
  };
}

export const peopleRouter = createTRPCRouter({
  /** Signs a person out on every device (a lost laptop, a leaver): their
   *  next request finds no session. Admins only; audited. */
  signOutEverywhere: adminProcedure
    .input(z.strictObject({ email: z.email({ error: "Enter the person's email address." }).max(320) }))
    .output(z.object({ name: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const person = await signOutEverywhere(ctx.db, input.email);
      if (!person) throw new Refusal("not_found", `No one in the org chart has the email ${input.email}.`);
      await recordAudit(ctx.db, { actorId: ctx.user.id, action: "sessions.revoke", subjectId: person.id });
      return { name: person.name };
    }),

  /** What importing the file would add, change and deactivate, and every
   *  problem on its row. Writes nothing; a mutation only because the file
   *  is sent in the body (a query would put megabytes in the address). */
  previewImport: hrProcedure
    .input(importInput)
    .output(previewOutput)
    .mutation(async ({ ctx, input }) =>
      shapePreview(
        await previewOrgImport(ctx.db, {
          csv: input.csv,
          deactivateMissing: input.deactivateMissing,
          importerEmail: ctx.user.email,
        }),
      ),
    ),

  /** Checks the file again and applies it in one transaction, or not at all. */
  applyImport: hrProcedure
    .input(importInput)
    .output(counts)
    .mutation(({ ctx, input }) =>
      applyOrgImport(ctx.db, {
        actorId: ctx.user.id,
        csv: input.csv,
        deactivateMissing: input.deactivateMissing,
        importerEmail: ctx.user.email,
      }),
    ),
});
