/** Saving a draft, refused when the page's answers are older than the stored ones. */
import "server-only";
import { sql } from "drizzle-orm";
import { type Answers } from "../../../../lib/answers";
import { Refusal } from "../../../domain/refusal";
import type { Db } from "../../engines";
import { queryRows } from "../../rows";
import {
  notFound,
  type RequestContext,
  type RequestOfRater,
  findRequest,
  checkAnswersFit,
  refuseUnlessOpen,
  toDate,
} from "./request";

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

/** Which opening of the form a save comes from, and which of its saves it is (counted from 1). */
export interface DraftPage {
  id: string;
  save: number;
}

/** The page's answers started from the stored draft, or the stored draft is
 *  this same page's own earlier save. */
function isBasedOnStored(request: RequestContext, basedOnVersion: number, page: DraftPage | undefined): boolean {
  if (Number(request.draft_version) === basedOnVersion) return true;
  return !!page && request.draft_page === page.id && Number(request.draft_page_save) < page.save;
}

/** The stored draft is a later save of this same page: this one arrived late and has nothing to add. */
function isSupersededByOwnSave(request: RequestContext, page: DraftPage | undefined): boolean {
  return !!page && request.draft_page === page.id && Number(request.draft_page_save) >= page.save;
}

/** What a save answers: what is stored now, and whether this save was left out for its page's later one. */
export interface DraftSaved {
  savedAt: Date;
  version: number;
  superseded: boolean;
}

function supersededAnswer(request: RequestContext): DraftSaved {
  return { savedAt: toDate(request.draft_saved_at)!, version: Number(request.draft_version), superseded: true };
}

function refuseUnlessBasedOnStored(request: RequestContext, basedOnVersion: number, page: DraftPage | undefined) {
  if (isBasedOnStored(request, basedOnVersion, page)) return;
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
 *
 * A save that names its `page` also replaces that page's own earlier save,
 * whatever version it started from: when the tab closes, the form sends its
 * latest answers at once rather than after the save still on its way, which
 * may or may not have been stored. The save counter keeps the order: a
 * page's earlier save arriving after its later one writes nothing and says so
 * (`superseded`).
 */
export async function saveDraft(
  db: Db,
  params: RequestOfRater & { answers: Answers; basedOnVersion: number; page?: DraftPage },
): Promise<DraftSaved> {
  const { assignmentId, raterId, answers, basedOnVersion, page } = params;
  const request = await findRequest(db, { assignmentId, raterId });
  refuseUnlessOpenToSaves(request);
  if (isSupersededByOwnSave(request, page)) return supersededAnswer(request);
  refuseUnlessBasedOnStored(request, basedOnVersion, page);
  await checkAnswersFit(db, { request, answers, requireComplete: false });
  const ownEarlierSave = page ? sql`(a.draft_page = ${page.id} and a.draft_page_save < ${page.save})` : sql`false`;
  const [saved] = await queryRows<{ draft_saved_at: Date | string; draft_version: number }>(
    db,
    sql`update assignments a
        set draft = ${JSON.stringify(answers)}::jsonb, draft_saved_at = now(), draft_version = a.draft_version + 1, status = 'in_progress',
            draft_page = ${page?.id ?? null}, draft_page_save = ${page?.save ?? null}
        from cycles c
        where a.id = ${assignmentId} and a.rater_id = ${raterId} and a.status in ('pending', 'in_progress')
          and (a.draft_version = ${basedOnVersion} or ${ownEarlierSave})
          and c.id = a.cycle_id and c.status = 'collecting'
        returning a.draft_saved_at, a.draft_version`,
  );
  if (!saved) return saveDraftAfterRace(db, params);
  return { savedAt: toDate(saved.draft_saved_at)!, version: Number(saved.draft_version), superseded: false };
}

/** A draft saves only to an open request of the rater's, not yet submitted. */
function refuseUnlessOpenToSaves(request: RequestContext | undefined): asserts request is RequestContext {
  if (!request) throw notFound();
  if (request.status === "submitted")
    throw new Refusal("conflict", "This request is already submitted; its answers can no longer change.");
  refuseUnlessOpen(request);
}

/** The state changed between reading and writing (a submit, a close, another
 *  save or the page's own later one won): say which. */
async function saveDraftAfterRace(
  db: Db,
  params: RequestOfRater & { basedOnVersion: number; page?: DraftPage },
): Promise<DraftSaved> {
  const request = await findRequest(db, { assignmentId: params.assignmentId, raterId: params.raterId });
  refuseUnlessOpenToSaves(request);
  if (isSupersededByOwnSave(request, params.page)) return supersededAnswer(request);
  refuseUnlessBasedOnStored(request, params.basedOnVersion, params.page);
  throw new Refusal("invalid", "The request changed while saving. Reload the page.");
}
