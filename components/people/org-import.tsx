"use client";

import { useMutation } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useId, useRef, useState } from "react";
import { ConfirmDialog } from "@/components/cycles/confirm-dialog";
import type { AppRouter } from "@/server/api/root";
import type { inferRouterOutputs } from "@trpc/server";
import { useTRPC } from "@/trpc/react";
import styles from "./people.module.css";

type Preview = inferRouterOutputs<AppRouter>["people"]["previewImport"];
type Counts = Preview["counts"];
type PersonChange = Preview["changed"][number];

interface Source {
  csv: string;
  deactivateMissing: boolean;
}

/** Lists longer than this start folded. */
const OPEN_UP_TO = 10;

const number = (n: number) => n.toLocaleString("en");
const people = (n: number) => `${number(n)} ${n === 1 ? "person" : "people"}`;

const COLUMN_HELP: [string, string][] = [
  ["email", "Required. How people are recognised: a row with an email already in the org chart updates that person."],
  ["name", "Required."],
  ["title, department, location", "Optional; an empty cell empties the field."],
  [
    "manager_email",
    "Empty for the top of the organisation. Otherwise someone in the file or, when people missing from the file are kept, someone already active.",
  ],
  ["is_hr", "yes or no (true/false and 1/0 work too); empty means no."],
];

/**
 * HR's org-chart import: choose or paste a CSV, preview what it would change
 * and every problem on its row, then apply it in one step. What is applied is
 * exactly what was previewed: changing the file or the option asks for a new
 * preview first.
 */
export function OrgImport() {
  const trpc = useTRPC();
  const id = useId();
  const [fileText, setFileText] = useState<{ name: string; csv: string } | null>(null);
  const [pasted, setPasted] = useState("");
  const [deactivateMissing, setDeactivateMissing] = useState(false);
  const [previewed, setPreviewed] = useState<Source | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<Counts | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const applying = useRef(false);

  const preview = useMutation(trpc.people.previewImport.mutationOptions());
  const apply = useMutation(trpc.people.applyImport.mutationOptions());

  const csv = fileText?.csv ?? pasted;
  const forget = () => {
    setPreviewed(null);
    setDone(null);
    preview.reset();
    apply.reset();
  };

  async function chooseFile(file: File | undefined) {
    forget();
    setReadError(null);
    if (!file) return setFileText(null);
    try {
      setFileText({ name: file.name, csv: await file.text() });
    } catch {
      setFileText(null);
      setReadError(`Could not read ${file.name}. Save it again as CSV (UTF-8) and choose it again.`);
    }
  }

  function submitPreview(event: FormEvent) {
    event.preventDefault();
    if (csv.trim() === "") return;
    const source = { csv, deactivateMissing };
    setDone(null);
    setPreviewed(source);
    preview.mutate(source);
  }

  function confirmApply() {
    // A second click before the first one's state has rendered must not send the file twice.
    if (!previewed || applying.current) return;
    applying.current = true;
    apply.mutate(previewed, {
      onSuccess: (counts) => {
        setConfirming(false);
        setDone(counts);
        setPreviewed(null);
        preview.reset();
      },
      onSettled: () => {
        applying.current = false;
      },
    });
  }

  const data = previewed ? preview.data : undefined;
  const changes = data
    ? data.counts.added + data.counts.changed + data.counts.reactivated + data.counts.deactivated
    : 0;
  const canApply = data !== undefined && data.problemCount === 0 && changes > 0;

  return (
    <div className="stack">
      <div>
        <h1>Import the org chart</h1>
        <p className="lead">
          Upload the org chart as a CSV file. You see what it would add, change and deactivate, and every problem on its
          row, before anything is written.
        </p>
      </div>

      <div className="row-start">
        <a href="/people/import/template.csv" className="button button-secondary" download>
          Download the template
        </a>
        <a href="/people/export.csv" className="button button-secondary" download>
          Export the current org chart
        </a>
      </div>

      <details className={styles.help}>
        <summary>What the columns mean</summary>
        <dl className={styles.columns}>
          {COLUMN_HELP.map(([column, meaning]) => (
            <div key={column}>
              <dt>
                <code>{column}</code>
              </dt>
              <dd>{meaning}</dd>
            </div>
          ))}
        </dl>
        <p className="small muted">
          The first row is the header, in any order and any case. Up to 20,000 people and 5 MB per file. Being in the
          file makes a person active again; the level of everyone is worked out from the managers.
        </p>
      </details>

      {done && (
        <p className={`notice ${styles.success}`} role="status">
          Imported: {summaryText(done)}.
        </p>
      )}

      <form className={`card ${styles.form}`} onSubmit={submitPreview} aria-labelledby={`${id}-form`}>
        <h2 id={`${id}-form`}>1. Choose the file</h2>
        <div className="field">
          <label htmlFor={`${id}-file`}>CSV file</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv"
            className={styles.file}
            onChange={(event) => void chooseFile(event.currentTarget.files?.[0])}
          />
          {readError && (
            <p className="field-error" role="alert">
              {readError}
            </p>
          )}
        </div>
        <details className={styles.paste} open={pasted !== "" ? true : undefined}>
          <summary>Or paste the CSV</summary>
          <div className="field">
            <label htmlFor={`${id}-paste`}>CSV text</label>
            <textarea
              id={`${id}-paste`}
              className="textarea"
              rows={6}
              value={pasted}
              disabled={fileText !== null}
              placeholder="email,name,title,department,location,manager_email,is_hr"
              onChange={(event) => {
                forget();
                setPasted(event.currentTarget.value);
              }}
            />
            {fileText !== null && <p className="small muted">A file is chosen: its contents are used instead.</p>}
          </div>
        </details>
        <label className={styles.check}>
          <input
            type="checkbox"
            checked={deactivateMissing}
            onChange={(event) => {
              forget();
              setDeactivateMissing(event.currentTarget.checked);
            }}
          />
          <span>
            Deactivate people who are not in the file
            <span className="block small muted">
              They keep their past published results, but get no new feedback requests and can no longer sign in. Every
              manager must then be in the file.
            </span>
          </span>
        </label>
        <div className="row-start">
          <button type="submit" className="button" disabled={csv.trim() === "" || preview.isPending}>
            {preview.isPending ? "Checking the file…" : "Preview"}
          </button>
        </div>
        {preview.isError && (
          <p className="notice notice-error" role="alert">
            Could not check the file: {preview.error.message}
          </p>
        )}
      </form>

      {data && (
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
            <ul className={styles.names}>
              {data.deactivated.map((p) => (
                <li key={p.email}>
                  {p.name} <span className="muted">{p.email}</span>
                </li>
              ))}
            </ul>
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
              <button type="button" className="button" disabled={!canApply} onClick={() => setConfirming(true)}>
                Apply the import
              </button>
            </div>
          </div>
        </section>
      )}

      {data && (
        <ConfirmDialog
          open={confirming}
          title="Apply this import?"
          confirmLabel="Apply now"
          pendingLabel="Importing…"
          pending={apply.isPending}
          progress={
            <p className={styles.progress}>
              <span className={styles.spinner} aria-hidden="true" />
              Importing {people(data.rows)}… keep this page open; it takes a few seconds for a large file.
            </p>
          }
          error={apply.isError ? apply.error.message : null}
          onConfirm={confirmApply}
          onClose={() => {
            setConfirming(false);
            apply.reset();
          }}
        >
          <p>{summaryText(data.counts, false)}. It is written in one step: all of it, or nothing if anything fails.</p>
          {data.counts.deactivated > 0 && (
            <p>
              {people(data.counts.deactivated)} will be deactivated: they can no longer sign in or be asked for
              feedback.
            </p>
          )}
        </ConfirmDialog>
      )}
    </div>
  );
}

function summaryText(counts: Counts, withUnchanged = true): string {
  const parts = [
    `${number(counts.added)} added`,
    `${number(counts.changed)} changed`,
    counts.reactivated > 0 ? `${number(counts.reactivated)} reactivated` : null,
    `${number(counts.deactivated)} deactivated`,
    withUnchanged ? `${number(counts.unchanged)} unchanged` : null,
  ];
  return parts.filter(Boolean).join(", ");
}

function Summary({ counts, rows, rowsWithProblems }: { counts: Counts; rows: number; rowsWithProblems: number }) {
  const items: [string, number][] = [
    ["added", counts.added],
    ["changed", counts.changed],
    // Rare: shown only when someone comes back.
    ...(counts.reactivated > 0 ? [["reactivated", counts.reactivated] as [string, number]] : []),
    ["deactivated", counts.deactivated],
    ["unchanged", counts.unchanged],
  ];
  return (
    <div>
      <p className="muted small">
        {people(rows)} in the file
        {rowsWithProblems > 0 &&
          `; ${number(rowsWithProblems)} ${rowsWithProblems === 1 ? "row has" : "rows have"} problems and ${rowsWithProblems === 1 ? "is" : "are"} not counted until fixed`}
        .
      </p>
      <ul className={styles.summary} aria-label="What the import would do">
        {items.map(([label, n]) => (
          <li key={label}>
            <span className={styles.figure}>{number(n)}</span> {label}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Problems({ data }: { data: Preview }) {
  return (
    <div className="stack-tight">
      <p className="notice notice-error" role="alert">
        The file has {data.problemCount === 1 ? "1 problem" : `${number(data.problemCount)} problems`}. Nothing can be
        imported until they are fixed.
      </p>
      <StackedTable caption="Problems, by row of the file" columns={["Row", "Column", "What to fix"]}>
        {data.problems.map((problem, i) => (
          <tr key={`${problem.row}-${problem.kind}-${i}`}>
            <RowNumber row={problem.row} />
            <td>
              {problem.column ? <code>{problem.column}</code> : <span className={`muted ${styles.wideOnly}`}>—</span>}
            </td>
            <td className={styles.wide}>{problem.message}</td>
          </tr>
        ))}
      </StackedTable>
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

/** A table that becomes a list of small cards on a phone (people.module.css). */
function StackedTable({ caption, columns, children }: { caption?: string; columns: string[]; children: ReactNode }) {
  return (
    <div className="table-scroll">
      <table className={`table ${styles.stacked}`}>
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

function RowNumber({ row }: { row: number | null }) {
  return (
    <td className={styles.rowNumber}>
      {row === null ? (
        <span className="muted small">not in the file</span>
      ) : (
        <>
          <span className={styles.narrowOnly}>Row </span>
          {row}
        </>
      )}
    </td>
  );
}

function PersonCell({ name, email }: { name: string; email: string }) {
  return (
    <td className={styles.wide}>
      {name}
      <span className="block small muted">{email}</span>
    </td>
  );
}

function AddedTable({ rows }: { rows: Preview["added"] }) {
  return (
    <StackedTable columns={["Row", "Name", "Title, department", "Manager"]}>
      {rows.map((p) => (
        <tr key={p.email}>
          <RowNumber row={p.row} />
          <PersonCell name={p.name} email={p.email} />
          <td className={styles.wide}>
            {[p.title, p.department].filter(Boolean).join(", ") || <span className="muted">—</span>}
          </td>
          <td className={`${styles.wide} ${styles.email}`}>
            <span className={styles.narrowOnly}>Manager: </span>
            {p.managerEmail ?? <span className="muted">top of the organisation</span>}
          </td>
        </tr>
      ))}
    </StackedTable>
  );
}

const FIELD_LABEL: Record<string, string> = {
  name: "name",
  title: "title",
  department: "department",
  location: "location",
  manager: "manager",
  is_hr: "HR",
  level: "level",
};

function ChangesTable({ rows }: { rows: PersonChange[] }) {
  return (
    <StackedTable columns={["Row", "Name", "Changes"]}>
      {rows.map((p) => (
        <tr key={p.email}>
          <RowNumber row={p.row} />
          <PersonCell name={p.name} email={p.email} />
          <td className={styles.wide}>
            {p.changes.length === 0 ? (
              <span className="muted">no other change</span>
            ) : (
              <ul className={styles.changes}>
                {p.changes.map((change) => (
                  <li key={change.field}>
                    <span className="strong">{FIELD_LABEL[change.field] ?? change.field}</span>:{" "}
                    <del>{change.from || "(empty)"}</del> → <ins>{change.to || "(empty)"}</ins>
                  </li>
                ))}
              </ul>
            )}
          </td>
        </tr>
      ))}
    </StackedTable>
  );
}
