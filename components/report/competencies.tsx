/**
 * Each competency (and visibility) in detail: the scale bar with its
 * interval, the distribution, and how groups are split.
 */
import type { MyReport, ReportAxis } from "./types";
import { plural } from "@/lib/format";
import { type Shown, formatScore, hiddenReason, interval, shown } from "./figure-format";

const at = (value: number) => `${((Math.min(5, Math.max(1, value)) - 1) / 4) * 100}%`;

/** A 1–5 scale: the others' 90 % interval as a line, their mean as a dot, and
 *  markers for you and your manager. Decorative: the text beside it says it all. */
export function ScaleBar({ axis }: { axis: ReportAxis }) {
  const others = shown(axis.groups.others);
  const self = shown(axis.groups.self);
  const manager = shown(axis.groups.manager);
  return (
    <div className="report-scale" aria-hidden="true">
      <div className="report-scale-track">
        {others && others.ciLow !== null && others.ciHigh !== null && (
          <span
            className="report-scale-interval"
            style={{ left: at(others.ciLow), right: `calc(100% - ${at(others.ciHigh)})` }}
          />
        )}
        {axis.orgMean !== null && <span className="report-scale-org" style={{ left: at(axis.orgMean) }} />}
        {others && <span className="report-scale-others" style={{ left: at(others.mean) }} />}
        {manager && <span className="report-scale-manager" style={{ left: at(manager.mean) }} />}
        {self && <span className="report-scale-self" style={{ left: at(self.mean) }} />}
      </div>
      <div className="report-scale-ticks">
        {[1, 2, 3, 4, 5].map((tick) => (
          <span key={tick}>{tick}</span>
        ))}
      </div>
    </div>
  );
}

export function SplitNote({ axis, k }: { axis: ReportAxis; k: number }) {
  const peer = axis.groups.peer;
  const reports = axis.groups.direct_report;
  const peers = shown(peer);
  const directReports = shown(reports);
  if (peers && directReports) {
    return (
      <li>
        Peers {formatScore(peers.mean)} ({plural(peers.n, "response")}) · direct reports{" "}
        {formatScore(directReports.mean)} ({plural(directReports.n, "response")})
      </li>
    );
  }
  if (peer || reports) {
    return (
      <li className="muted">
        Peers and direct reports are shown together because one of the groups is smaller than {k}.
      </li>
    );
  }
  return null;
}

export function CompetencyBars({ report }: { report: MyReport }) {
  const k = report.cycle.minGroupSize;
  return (
    <section className="card" aria-labelledby="bars-heading">
      <h2 id="bars-heading">Competency by competency</h2>
      <p className="muted">
        The line is the range where others&apos; average most likely lies (a 90 % interval): the fewer the answers, the
        wider it is.
      </p>
      <ul className="report-legend" aria-label="Legend">
        <li>
          <span className="report-key report-key-others" aria-hidden="true" /> Others (peers and direct reports)
        </li>
        <li>
          <span className="report-key report-key-self" aria-hidden="true" /> You
        </li>
        <li>
          <span className="report-key report-key-manager" aria-hidden="true" /> Your manager
        </li>
        <li>
          <span className="report-key report-key-org" aria-hidden="true" /> Organisation
        </li>
      </ul>
      <div className="report-axes">
        {report.competencies.map((axis) => (
          <AxisBlock key={axis.key} axis={axis} k={k} />
        ))}
      </div>
    </section>
  );
}

function AxisBlock({ axis, k, headingLevel = 3 }: { axis: ReportAxis; k: number; headingLevel?: 3 | 4 }) {
  const others = axis.groups.others;
  const self = shown(axis.groups.self);
  const manager = shown(axis.groups.manager);
  const Heading = headingLevel === 3 ? "h3" : "h4";
  return (
    <article className="report-axis">
      <Heading>{axis.name}</Heading>
      {axis.description && <p className="muted small">{axis.description}</p>}
      <ScaleBar axis={axis} />
      <ul className="report-figures">
        <li>
          {others === null ? (
            <span className="muted">Others: no responses — nothing to show.</span>
          ) : others.suppressed ? (
            <span className="muted">Others: {hiddenReason(others.n, k)}.</span>
          ) : (
            <>
              <strong>Others {formatScore(others.mean)}</strong> (range {interval(others)},{" "}
              {plural(others.n, "response")})
              <Distribution figure={others} />
            </>
          )}
        </li>
        <li>
          {self ? <>You {formatScore(self.mean)}</> : <span className="muted">You: no self-review for this one.</span>}
        </li>
        <li>
          {manager ? (
            <>Your manager {formatScore(manager.mean)}</>
          ) : (
            <span className="muted">Your manager: no review for this one.</span>
          )}
        </li>
        {axis.orgMean !== null && <li className="muted">Organisation {formatScore(axis.orgMean)}</li>}
        <SplitNote axis={axis} k={k} />
      </ul>
    </article>
  );
}

export function Distribution({ figure }: { figure: Shown }) {
  return (
    <span className="block small muted">How the answers spread, from 1 to 5: {figure.distribution.join(" · ")}</span>
  );
}

export function Visibility({ axis, k }: { axis: ReportAxis; k: number }) {
  return (
    <section className="card report-visibility" aria-labelledby="visibility-heading">
      <h2 id="visibility-heading">Visibility</h2>
      <p className="notice">
        Not a competency: how much you are seen and heard. It is kept apart and never counted in your competencies —
        strong work done quietly is exactly what Undercurrent is built to notice.
      </p>
      <AxisBlock axis={{ ...axis, name: "How visible your work is" }} k={k} />
    </section>
  );
}
