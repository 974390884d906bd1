import type { ReactNode } from "react";
import styles from "./people.module.css";
import type { ImportPreview, PersonChange } from "./types";

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

/** Every problem of the file on its row, with what to fix. */
export function ProblemsTable({ problems }: { problems: ImportPreview["problems"] }) {
  return (
    <StackedTable caption="Problems, by row of the file" columns={["Row", "Column", "What to fix"]}>
      {problems.map((problem, i) => (
        <tr key={`${problem.row}-${problem.kind}-${i}`}>
          <RowNumber row={problem.row} />
          <td>
            {problem.column ? <code>{problem.column}</code> : <span className={`muted ${styles.wideOnly}`}>—</span>}
          </td>
          <td className={styles.wide}>{problem.message}</td>
        </tr>
      ))}
    </StackedTable>
  );
}

export function AddedTable({ rows }: { rows: ImportPreview["added"] }) {
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

/** People changed or reactivated, each field from what it was to what it becomes. */
export function ChangesTable({ rows }: { rows: PersonChange[] }) {
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

/** People the import deactivates: their names are all there is to say. */
export function DeactivatedList({ people }: { people: ImportPreview["deactivated"] }) {
  return (
    <ul className={styles.names}>
      {people.map((p) => (
        <li key={p.email}>
          {p.name} <span className="muted">{p.email}</span>
        </li>
      ))}
    </ul>
  );
}
