import type { ReactNode } from "react";
import { plural } from "@/lib/format";
import { countsInOrder, number, people } from "./import-counts";
import styles from "./people.module.css";
import { AddedTable, ChangesTable, DeactivatedList, ProblemsTable } from "./preview-tables";
import type { ImportPreview } from "./types";

/** Lists longer than this start folded. */
const OPEN_UP_TO = 10;

/** Steps 2 and 3: what the file would change and every problem on its row, then the button that applies it. */
export function ImportPreviewSection({
  id,
  data,
  changes,
  canApply,
  onApply,
}: {
  /** A prefix for the ids the headings are named by. */
  id: string;
  data: ImportPreview;
  /** How many people the import would write. */
  changes: number;
  canApply: boolean;
  onApply: () => void;
}) {
  return (
    <section className="stack" aria-labelledby={`${id}-preview`}>
      <h2 id={`${id}-preview`}>2. Check the preview</h2>
      <Summary counts={data.counts} rows={data.rows} rowsWithProblems={data.rowsWithProblems} />
      {data.problemCount > 0 && <Problems data={data} />}
      {data.problemCount === 0 && changes === 0 && (
        <p className="notice" role="status">
          Nothing to change: the file matches the org chart.
        </p>
      )}
      {data.listsCut && (
        <p className="small muted">Each list below shows its first 500 entries; the counts above are complete.</p>
      )}
      <ChangeList title="Added" count={data.counts.added}>
        <AddedTable rows={data.added} />
      </ChangeList>
      <ChangeList title="Changed" count={data.counts.changed}>
        <ChangesTable rows={data.changed} />
      </ChangeList>
      <ChangeList title="Reactivated" count={data.counts.reactivated}>
        <ChangesTable rows={data.reactivated} />
      </ChangeList>
      <ChangeList title="Deactivated" count={data.counts.deactivated}>
        <DeactivatedList people={data.deactivated} />
      </ChangeList>

      <div className={`card ${styles.apply}`}>
        <h2>3. Apply</h2>
        <p className="small muted">
          {data.problemCount > 0
            ? "Fix the problems above in your spreadsheet, choose the file again and preview it: nothing can be imported while there are problems."
            : changes === 0
              ? "There is nothing to apply."
              : "Everything in the preview is written in one step: all of it, or nothing if anything fails."}
        </p>
        <div>
          <button type="button" className="button" disabled={!canApply} onClick={onApply}>
            Apply the import
          </button>
        </div>
      </div>
    </section>
  );
}

function Summary({
  counts,
  rows,
  rowsWithProblems,
}: {
  counts: ImportPreview["counts"];
  rows: number;
  rowsWithProblems: number;
}) {
  return (
    <div>
      <p className="muted small">
        {people(rows)} in the file
        {rowsWithProblems > 0 &&
          `; ${plural(rowsWithProblems, "row has", "rows have")} problems and ${rowsWithProblems === 1 ? "is" : "are"} not counted until fixed`}
        .
      </p>
      <ul className={styles.summary} aria-label="What the import would do">
        {countsInOrder(counts).map(([label, n]) => (
          <li key={label}>
            <span className={styles.figure}>{number(n)}</span> {label}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Problems({ data }: { data: ImportPreview }) {
  return (
    <div className="stack-tight">
      <p className="notice notice-error" role="alert">
        The file has {plural(data.problemCount, "problem")}. Nothing can be imported until they are fixed.
      </p>
      <ProblemsTable problems={data.problems} />
    </div>
  );
}

function ChangeList({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  if (count === 0) return null;
  return (
    <details className={styles.list} open={count <= OPEN_UP_TO ? true : undefined}>
      <summary>
        {title} <span className="muted">({people(count)})</span>
      </summary>
      <div className={styles.listBody}>{children}</div>
    </details>
  );
}
