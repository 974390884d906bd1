import "server-only";
import type { Db } from "../../engines";
import { auditDisclosure } from "../disclosure-audit";
import { placeForFinder } from "../finder-placement";
import { publishComments } from "./comments";
import { COMPOSITE, type PublishStep } from "./context";
import { beginPublish, markPublished, summarisePublished, type PublishSummary } from "./cycle";
import { computeFigures } from "./figures";
import { groupUnderTheRules } from "./group";
import { scoreResponses } from "./score";
import { estimateSpread } from "./spread";
import { storeFigures } from "./store";

export { type PublishSummary } from "./cycle";

/** Where a running publish stands: step `step` of `steps` has just begun. */
export interface PublishProgress {
  step: number;
  steps: number;
  label: string;
}

/** What a publish does, in order, each step named as HR reads it. The
 *  progress HR sees is this list: a step runs only from here. */
const STEPS = [
  { label: "Scoring every response", run: scoreResponses },
  { label: "Grouping answers under the anonymity rules", run: groupUnderTheRules },
  { label: "Estimating the organisation-wide spread", run: estimateSpread },
  { label: "Computing means, intervals, shrunk scores and self–other gaps", run: computeFigures },
  { label: "Storing the figures", run: storeFigures },
  { label: "Publishing comments", run: publishComments },
  { label: "Placing everyone for the finder", run: (tx, { cycleId }) => placeForFinder(tx, cycleId) },
  // Refuses (and so rolls everything back) rather than publish a leak.
  {
    label: "Checking the anonymity rules",
    run: (tx, { cycleId, k }) => auditDisclosure(tx, { cycleId, k, compositeId: COMPOSITE }),
  },
  { label: "Finishing", run: markPublished },
] as const satisfies readonly PublishStep[];

/** The steps a publish goes through, in order, as HR reads them. */
export const PUBLISH_STEPS: readonly (typeof STEPS)[number]["label"][] = STEPS.map((step) => step.label);

/**
 * Publishes a closed cycle: computes every figure once, in SQL inside the
 * database, and stores it; pages only read what is stored. One transaction:
 * it completes or leaves nothing. Publishing again recomputes the same
 * figures from the same responses.
 *
 * For each subject × competency (and the visibility axis) × group —
 * self and manager (attributed), others (peers and direct reports pooled),
 * and peers and direct reports apart when each has k complete responses —
 * over the responses the disclosure rule counts (server/domain/disclosure.ts):
 * n, mean, sd, a 90 % t interval, the distribution of response scores, and
 * for others an empirical-Bayes shrunk mean (./spread.ts, ./figures.ts;
 * server/domain/scoring.ts holds the same definitions as plain functions).
 * The leadership composite (each response's mean over the competencies;
 * an anonymous response counts for it only when it observed all of them)
 * goes through the same steps as one more axis and is stored in
 * published_composites: it is what the finder ranks. Groups the rule hides
 * are stored hidden, with how many observed them. Comments are copied
 * without any link to their response, only where the subject's others
 * composite is shown. Before it commits, an auditor reads back what was
 * stored and refuses to publish if any figures break the rule
 * (../disclosure-audit.ts).
 */
export async function publishCycle(
  db: Db,
  {
    cycleId,
    onProgress = () => {},
    beforeCommit,
  }: {
    cycleId: string;
    onProgress?: (progress: PublishProgress) => void;
    /** Runs last inside the transaction, so that what it writes (the audit
     *  row, the job's end) commits with the figures or not at all. */
    beforeCommit?: (tx: Db, summary: PublishSummary) => Promise<void>;
  },
): Promise<PublishSummary> {
  return db.transaction(async (tx) => {
    const context = await beginPublish(tx, cycleId);
    for (const [i, { label, run }] of STEPS.entries()) {
      // Only the step names leave the transaction: nothing is visible to
      // anyone else until it commits.
      onProgress({ step: i + 1, steps: STEPS.length, label });
      await run(tx, context);
    }
    const summary = await summarisePublished(tx, cycleId);
    await beforeCommit?.(tx, summary);
    return summary;
  });
}
