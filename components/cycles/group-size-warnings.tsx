/**
 * Who cannot reach k anonymous raters, and what their report will show
 * instead.
 */
import { formatDay, plural } from "@/lib/format";
import styles from "./cycles.module.css";
import { type CycleDetailData } from "./types";
import { KEquals } from "./k-equals";

export function GroupSizeWarnings({ cycle }: { cycle: CycleDetailData }) {
  const k = cycle.minGroupSize;
  const { warnings } = cycle;
  const none = warnings.filter((w) => w.outcome === "none").length;
  const combined = warnings.length - none;
  const table = (
    <div className="table-scroll">
      <table className="table table-stack">
        <caption className="visually-hidden">People whose anonymous groups cannot reach k = {k}</caption>
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Department</th>
            <th scope="col">Peers</th>
            <th scope="col">Direct reports</th>
            <th scope="col">What their report will show</th>
          </tr>
        </thead>
        <tbody>
          {warnings.map((w) => (
            <tr key={w.subjectId}>
              <th scope="row">
                <span className="strong">{w.name}</span>
              </th>
              <td data-label="Department">{w.department || "No department"}</td>
              <td data-label="Peers">{w.peers}</td>
              <td data-label="Direct reports">{w.directReports}</td>
              <td data-label="Report">
                <span>{w.consequence}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <section className="card" aria-labelledby="warnings-heading">
      <h2 id="warnings-heading">
        Anonymous groups below <KEquals k={k} />
      </h2>
      {warnings.length === 0 ? (
        <p>
          Everyone taking part has at least {k} anonymous raters {cycle.warningsBasis === "plan" ? "planned" : "asked"},
          with peers and direct reports each {k} or more where both are present. Their reports can show each anonymous
          group.
        </p>
      ) : (
        <>
          <p className={`notice ${styles.warning}`}>
            {plural(warnings.length, "person", "people")} cannot reach <KEquals k={k} />:{" "}
            {none > 0 && `${none} will get no anonymous feedback at all`}
            {none > 0 && combined > 0 && "; "}
            {combined > 0 && `${combined} will see peers and direct reports only as one combined group`}.
          </p>
          <p className="muted small">
            Peers and direct reports answer anonymously, and a report shows an anonymous group only when at least k
            people stand behind it; peers and direct reports are shown apart only when each group reaches k.{" "}
            {cycle.warningsBasis === "plan"
              ? cycle.status === "draft"
                ? "Counted from direct reports only: peers are nominated once nominations open."
                : "Counted from direct reports and the peers approved so far: more approved peers fix this before collection starts."
              : `Counted from the requests sent, less those declined${cycle.countedOn ? ` as of ${formatDay(cycle.countedOn)}` : ""}. Fewer may answer in the end.`}
          </p>
          {cycle.status === "draft" ? (
            <details>
              <summary>Show the {plural(warnings.length, "person", "people")}</summary>
              {table}
            </details>
          ) : (
            table
          )}
        </>
      )}
    </section>
  );
}
