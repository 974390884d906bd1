import styles from "./people.module.css";

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

/** The template and an export to start from, and what each column means. */
export function ImportHelp() {
  return (
    <>
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
    </>
  );
}
