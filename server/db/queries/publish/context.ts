import "server-only";
import type { Db } from "../../engines";

/** What every step of a publish knows: the cycle, locked for the
 *  transaction, and its minimum group size. Everything a step computes for
 *  the next lives in the database, in the transaction's temporary tables:
 *
 *    pub_scores      each response's score per axis         (scoring)
 *    pub_members     the anonymous scores behind each figure (grouping)
 *    pub_groups      n, mean, sd, distribution per group     (grouping)
 *    pub_rows        every row to store, shown or hidden     (grouping)
 *    pub_components  the organisation's variance components  (spread)
 *    pub_figures     every figure, as it will be stored      (figures)
 *
 *  They are dropped when the transaction ends. */
export interface PublishContext {
  cycleId: string;
  /** The cycle's k: the fewest anonymous raters behind any figure shown. */
  k: number;
}

/** One step of a publish, as HR's progress bar names it. */
export interface PublishStep {
  label: string;
  run: (tx: Db, context: PublishContext) => Promise<void>;
}

/** Stands for the leadership composite where the steps expect an axis id;
 *  it never leaves the temporary tables. */
export const COMPOSITE = "00000000-0000-0000-0000-000000000000";
