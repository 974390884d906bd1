/**
 * The trend: each competency's others mean in earlier published cycles
 * beside this one.
 */
import type { MyReport } from "./types";
import { type Shown, formatScore, hiddenReason, shown } from "./figure-format";
import { Cell } from "./overview";

function Change({ before, now }: { before: number; now: Shown }) {
  const delta = now.mean - before;
  const rounded = Number(delta.toFixed(1));
  if (rounded === 0) return <>no change</>;
  const clear = now.ciLow !== null && now.ciHigh !== null && (before < now.ciLow || before > now.ciHigh);
  return (
    <>
      {rounded > 0 ? "up" : "down"} {Math.abs(rounded).toFixed(1)}
      <span className="block small muted">{clear ? "more than chance" : "could be chance"}</span>
    </>
  );
}

export function Trend({ report }: { report: MyReport }) {
  const k = report.cycle.minGroupSize;
  const earlier = report.trend.cycles;
  const previous = earlier.at(-1);
  const axes = [
    ...report.competencies,
    ...(report.visibility ? [{ ...report.visibility, name: "Visibility (not a competency)" }] : []),
  ];
  return (
    <section className="card" aria-labelledby="trend-heading">
      <h2 id="trend-heading">Over time</h2>
      {earlier.length === 0 ? (
        <p className="muted">There is no earlier published cycle of yours, so there is nothing to compare with yet.</p>
      ) : (
        <>
          <p className="muted">
            What peers and direct reports said in each cycle. A change is “more than chance” when the earlier average
            lies outside this cycle&apos;s range; different people may have answered each time.
          </p>
          <div className="table-scroll">
            <table className="table table-stack">
              <caption className="visually-hidden">
                Others&apos; average per competency in each of your published cycles
              </caption>
              <thead>
                <tr>
                  <th scope="col">Competency</th>
                  {earlier.map((c) => (
                    <th scope="col" key={c.id}>
                      {c.name}
                    </th>
                  ))}
                  <th scope="col">{report.cycle.name}</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {axes.map((axis) => {
                  const row = report.trend.rows.find((r) => r.key === axis.key);
                  const pointIn = (cycleId: string) => row?.points.find((p) => p.cycleId === cycleId)?.figure ?? null;
                  const before = previous ? pointIn(previous.id) : null;
                  const now = shown(axis.groups.others);
                  return (
                    <tr key={axis.key}>
                      <th scope="row" className="strong">
                        {axis.name}
                      </th>
                      {earlier.map((c) => {
                        const point = pointIn(c.id);
                        return (
                          <td
                            key={c.id}
                            data-label={c.name}
                            className={point && !point.suppressed ? undefined : "muted"}
                          >
                            {point === null
                              ? "—"
                              : point.suppressed
                                ? `Hidden: ${hiddenReason(point.n, c.minGroupSize)}`
                                : formatScore(point.mean)}
                          </td>
                        );
                      })}
                      <Cell figure={axis.groups.others} k={k} label={report.cycle.name} />
                      <td data-label="Change">
                        {before && !before.suppressed && now ? (
                          <Change before={before.mean} now={now} />
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
