/**
 * The report's first section: the radar and its table, self beside others on
 * every competency.
 */
import dynamic from "next/dynamic";
import type { MyReport, ReportFigure } from "./types";
import { formatScore, hiddenReason, shown } from "./figure-format";

// recharts only on this page, and only in the browser: the table below the
// chart carries the same numbers and is what paints first.
const ReportRadarChart = dynamic(() => import("./radar-chart"), {
  ssr: false,
  loading: () => <div className="report-radar-placeholder" aria-hidden="true" />,
});

export function Cell({ figure, k, label }: { figure: ReportFigure | null; k: number; label: string }) {
  if (!figure) return <td data-label={label}>—</td>;
  if (figure.suppressed)
    return (
      <td data-label={label} className="muted">
        Hidden: {hiddenReason(figure.n, k)}
      </td>
    );
  return <td data-label={label}>{formatScore(figure.mean)}</td>;
}

export function Overview({ report }: { report: MyReport }) {
  const k = report.cycle.minGroupSize;
  const data = report.competencies.map((axis) => ({
    axis: axis.name,
    you: shown(axis.groups.self)?.mean ?? null,
    others: shown(axis.groups.others)?.mean ?? null,
    organisation: axis.orgMean,
  }));
  return (
    <section className="card" aria-labelledby="overview-heading">
      <h2 id="overview-heading">At a glance</h2>
      <p className="muted">
        How you rated yourself, how your peers and direct reports rated you, and the organisation&apos;s average, on a
        scale of 1 to 5.
      </p>
      <figure className="report-radar" aria-label="Radar chart of the table below">
        <ReportRadarChart data={data} />
      </figure>
      <div className="table-scroll">
        <table className="table table-stack">
          <caption className="visually-hidden">
            Your scores, others&apos; scores and the organisation&apos;s average per competency
          </caption>
          <thead>
            <tr>
              <th scope="col">Competency</th>
              <th scope="col">You</th>
              <th scope="col">Others</th>
              <th scope="col">Organisation</th>
            </tr>
          </thead>
          <tbody>
            {report.competencies.map((axis) => (
              <tr key={axis.key}>
                <th scope="row" className="strong">
                  {axis.name}
                </th>
                <Cell figure={axis.groups.self} k={k} label="You" />
                <Cell figure={axis.groups.others} k={k} label="Others" />
                <td data-label="Organisation">{axis.orgMean === null ? "—" : formatScore(axis.orgMean)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.competencies.some((a) => !a.groups.self) && (
        <p className="muted small">“—” under You: there is no self-review for that competency in this cycle.</p>
      )}
    </section>
  );
}
