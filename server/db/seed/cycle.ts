import "server-only";
import { randomUUID } from "node:crypto";
import { DEFAULT_AXES } from "../../domain/competency-model";
import type { Answers } from "../../../lib/answers";
import { createRng, deriveSeed } from "../../domain/random";
import { planRaters, simulateAnswers, type SimOrganisation, type SimulatedAnswers } from "../../simulator";
import type { Db } from "../engines";
import { assignments, cycles, responseComments, responseRatings, responses } from "../schema";
import { insertInBatches } from "./batches";
import type { SeededModel } from "./competency-model";
import type { Relationship } from "../../../lib/vocabulary";

export interface SeedCycleOptions {
  org: SimOrganisation;
  personIds: string[];
  model: SeededModel;
  name: string;
  status: "collecting" | "closed";
  opensOn: string;
  closesOn: string;
  /** Share of requests already answered, declined, or with a saved draft. */
  submittedShare: number;
  declinedShare: number;
  draftShare: number;
  onProgress?: (message: string) => void;
}

const declineReasons = ["I haven't worked with them enough this year.", "We only met a couple of times.", null];

/**
 * One cycle of the simulated organisation: its requests, and for the share
 * that were answered, responses written as the real submit writes them —
 * no rater, no time, and in shuffled order, in a separate statement from the
 * assignment updates, so nothing ties a response to its request.
 */
export async function seedCycle(db: Db, options: SeedCycleOptions): Promise<{ cycleId: string; responses: number }> {
  const { org, personIds, model } = options;
  const rng = createRng(deriveSeed(org.settings.seed, options.name, "progress"));
  const [cycle] = await db
    .insert(cycles)
    .values({
      name: options.name,
      status: options.status,
      modelId: model.modelId,
      opensOn: options.opensOn,
      closesOn: options.closesOn,
      minGroupSize: 3,
      closedAt: options.status === "closed" ? new Date(`${options.closesOn}T18:00:00Z`) : null,
    })
    .returning({ id: cycles.id });
  const cycleId = cycle!.id;

  const plan = planRaters(org);
  const assignmentRows: (typeof assignments.$inferInsert)[] = [];
  const answered: {
    subjectIndex: number;
    relationship: (typeof plan)[number]["relationship"];
    answers: SimulatedAnswers;
  }[] = [];
  for (const request of plan) {
    const status = drawStatus(rng.next(), request.relationship, options);
    const row: typeof assignments.$inferInsert = {
      cycleId,
      subjectId: personIds[request.subjectIndex]!,
      raterId: personIds[request.raterIndex]!,
      relationship: request.relationship,
      status,
    };
    if (status === "submitted" || status === "in_progress") {
      const answers = simulateAnswers({ ...request, org, axes: DEFAULT_AXES, cycleKey: options.name });
      if (status === "submitted") answered.push({ ...request, answers });
      else {
        row.draft = partialDraft(answers, model, rng.next());
        row.draftSavedAt = new Date(`${options.opensOn}T12:00:00Z`);
      }
    }
    if (status === "declined") row.declineReason = rng.pick(declineReasons);
    assignmentRows.push(row);
  }
  options.onProgress?.(`${options.name}: ${assignmentRows.length} requests`);
  await insertInBatches(db, assignments, assignmentRows);

  const responseRows: (typeof responses.$inferInsert)[] = [];
  const ratingRows: (typeof responseRatings.$inferInsert)[] = [];
  const commentRows: (typeof responseComments.$inferInsert)[] = [];
  for (const { subjectIndex, relationship, answers } of rng.shuffle(answered)) {
    const responseId = randomUUID();
    responseRows.push({ id: responseId, cycleId, subjectId: personIds[subjectIndex]!, relationship });
    for (const [statementKey, value] of Object.entries(answers.ratings)) {
      ratingRows.push({ responseId, statementId: model.statementIdByKey.get(statementKey)!, value });
    }
    const usedQuestions = new Set<string>();
    for (const comment of answers.comments) {
      const questionId = model.openQuestionIdByAxis.get(comment.axisKey) ?? model.openQuestionIdByAxis.get(null)!;
      if (usedQuestions.has(questionId)) continue;
      usedQuestions.add(questionId);
      commentRows.push({ responseId, questionId, body: comment.text });
    }
  }
  await insertInBatches(db, responses, responseRows);
  await insertInBatches(db, responseRatings, ratingRows, {
    batchSize: 5000,
    onBatch: (done) => options.onProgress?.(`${options.name}: ratings ${done}/${ratingRows.length}`),
  });
  await insertInBatches(db, responseComments, commentRows);
  return { cycleId, responses: responseRows.length };
}

/** Where a request stands, drawn from the cycle's shares. Only peers decline
 *  (self, manager and direct-report requests come from the org chart), and
 *  people do their own review first. */
function drawStatus(
  draw: number,
  relationship: Relationship,
  shares: Pick<SeedCycleOptions, "submittedShare" | "declinedShare" | "draftShare">,
): "submitted" | "declined" | "in_progress" | "pending" {
  const submitted = Math.min(1, shares.submittedShare + (relationship === "self" ? 0.15 : 0));
  const declined = relationship === "peer" ? shares.declinedShare : 0;
  if (draw < submitted) return "submitted";
  if (draw < submitted + declined) return "declined";
  if (draw < submitted + declined + shares.draftShare) return "in_progress";
  return "pending";
}

/** A draft as a rater leaves it part-way: the first statements answered. */
function partialDraft(answers: SimulatedAnswers, model: SeededModel, share: number): Answers {
  const entries = Object.entries(answers.ratings);
  const keep = Math.max(1, Math.round(entries.length * (0.2 + 0.6 * share)));
  return {
    ratings: Object.fromEntries(
      entries.slice(0, keep).map(([key, value]) => [model.statementIdByKey.get(key)!, value ?? "not_observed"]),
    ),
    comments: {},
  };
}
