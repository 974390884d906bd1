/** Saving a draft, refused when the page's answers are older than the stored ones. */
import "server-only";
import { sql } from "drizzle-orm";
import { type Answers } from "../../../../lib/answers";
import { Refusal } from "../../../domain/refusal";
import type { Db } from "../../engines";
import { queryRows } from "../../rows";
import { notFound, type RequestContext, findRequest, checkAnswersFit, refuseUnlessOpen, toDate } from "./request";

/** A draft as stored: what a save answers with, and what a refused save carries. */
export interface SavedDraft {
  answers: Answers;
  savedAt: Date;
  version: number;
}

/** A save from a page whose answers are older than the stored draft (another
 *  tab or device saved since): refused, with the newer draft, so the page can
 *  offer to load it instead of overwriting it. */
export class NewerDraftRefusal extends Refusal {
  constructor(readonly newer: SavedDraft) {
    super(
      "conflict",
      "Newer answers to this request were saved from another tab or device. Load them, or keep the answers on this page.",
    );
    this.name = "NewerDraftRefusal";
  }
}

function refuseUnlessBasedOnStored(request: RequestContext, basedOnVersion: number): void {
  if (Number(request.draft_version) === basedOnVersion) return;
  throw new NewerDraftRefusal({
    answers: request.draft ?? { ratings: {}, comments: {} },
    savedAt: toDate(request.draft_saved_at) ?? new Date(),
    version: Number(request.draft_version),
  });
}

/**
 * Saves the rater's answers so far. Nothing about a draft is ever shown to
 * anyone but its rater. `basedOnVersion` is the draft version the page's
 * answers started from: the write happens only if it is still the stored one,
 * checked in the update itself, so of two saves from the same version exactly
 * one is written and the other is refused with the draft that won.
 */
export async function saveDraft(
  db: Db,
  assignmentId: string,
  raterId: string,
  answers: Answers,
  basedOnVersion: number,
): Promise<{ savedAt: Date; version: number }> {
  const request = await findRequest(db, assignmentId, raterId);
  refuseUnlessSavable(request, basedOnVersion);
  await checkAnswersFit(db, request, answers, false);
  const [saved] = await queryRows<{ draft_saved_at: Date | string; draft_version: number }>(
    db,
    sql`update assignments a
        set draft = ${JSON.stringify(answers)}::jsonb, draft_saved_at = now(), draft_version = a.draft_version + 1, status = 'in_progress'
        from cycles c
        where a.id = ${assignmentId} and a.rater_id = ${raterId} and a.status in ('pending', 'in_progress')
          and a.draft_version = ${basedOnVersion}
          and c.id = a.cycle_id and c.status = 'collecting'
        returning a.draft_saved_at, a.draft_version`,
  );
  if (!saved) return saveDraftAfterRace(db, assignmentId, raterId, basedOnVersion);
  return { savedAt: toDate(saved.draft_saved_at)!, version: Number(saved.draft_version) };
}

/** A draft saves only to an open request of the rater's, not yet submitted, from the stored version. */
function refuseUnlessSavable(
  request: RequestContext | undefined,
  basedOnVersion: number,
): asserts request is RequestContext {
  if (!request) throw notFound();
  if (request.status === "submitted")
    throw new Refusal("conflict", "This request is already submitted; its answers can no longer change.");
  refuseUnlessOpen(request);
  refuseUnlessBasedOnStored(request, basedOnVersion);
}

/** The state changed between reading and writing (a submit, a close or
 *  another save won): say which. */
async function saveDraftAfterRace(
  db: Db,
  assignmentId: string,
  raterId: string,
  basedOnVersion: number,
): Promise<never> {
  const request = await findRequest(db, assignmentId, raterId);
  refuseUnlessSavable(request, basedOnVersion);
  throw new Refusal("invalid", "The request changed while saving. Reload the page.");
}
