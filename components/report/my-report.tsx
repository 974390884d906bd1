"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import type { ReactNode } from "react";
import type { MyReport, ReportAxis, ReportFigure } from "./types";
import { managerOthersGap } from "@/server/domain/scoring";
import { useTRPC } from "@/trpc/react";
import { plural } from "../ui/format";
import { QueryState } from "../ui/query-state";

// recharts only on this page, and only in the browser: the table below the
// chart carries the same numbers and is what paints first.
const ReportRadarChart = dynamic(() => import("./radar-chart"), {
  ssr: false,
  loading: () => <div className="report-radar-placeholder" aria-hidden="true" />,
});

export type Shown = Extract<ReportFigure, { suppressed: false }>;

export function formatScore(value: number): string {
  return value.toFixed(1);
}

export const shown = (figure: ReportFigure | null): Shown | null => (figure && !figure.suppressed ? figure : null);

/** Why an anonymous figure is not on the page, in words. */
export function hiddenReason(n: number, k: number): string {
  if (n === 0) return "no responses — nothing to show";
  return `${n} of ${k} needed responses — hidden to protect anonymity`;
}

export function publishedOn(date: Date): string {
  return date.toLocaleDateString("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
}

export function interval(figure: Shown): string {
  return figure.ciLow !== null && figure.ciHigh !== null
    ? `${formatScore(figure.ciLow)}–${formatScore(figure.ciHigh)}`
    : "too few answers for a range";
}

export function MyReportPage({ cycleId }: { cycleId?: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.reports.mine.queryOptions({ cycleId }));
  return (
    <div className="stack report">
      <QueryState query={query} what="your report">
        {(report) =>
          report ? (
            <Report report={report} />
          ) : (
            <>
              <h1>My report</h1>
              <p className="empty">
                No report yet. Your report appears here once HR publishes a cycle you took part in.
              </p>
            </>
          )
        }
      </QueryState>
    </div>
  );
}

function Report({ report }: { report: MyReport }) {
  const k = report.cycle.minGroupSize;
  return (
    <>
      <header className="report-header">
        <div>
          <h1>My report</h1>
          <p className="lead">
            {report.cycle.name} · published {publishedOn(report.cycle.publishedAt)}
          </p>
          <p className="muted">
            Based on {plural(report.anonymousResponses, "anonymous response")} from peers and direct reports, with your
            self-review and your manager&apos;s review beside them. Anonymous figures are shown only when at least {k}{" "}
            people stand behind them.
          </p>
        </div>
        <div className="report-actions no-print">
          {report.cycles.length > 1 && <CycleSwitcher report={report} />}
          <button type="button" className="button button-secondary" onClick={() => window.print()}>
            Print
          </button>
        </div>
      </header>
      <Overview report={report} />
      <CompetencyBars report={report} />
      <Agreement report={report} />
      {report.visibility && <Visibility axis={report.visibility} k={k} />}
      <Comments report={report} />
      <Trend report={report} />
    </>
  );
}

/** A plain GET form, so switching cycles works before (and without) JavaScript. */
function CycleSwitcher({ report }: { report: MyReport }) {
  return (
    <form method="get" action="/report" className="report-switcher">
      <label htmlFor="report-cycle">Cycle</label>
      <select id="report-cycle" name="cycle" className="input" defaultValue={report.cycle.id}>
        {report.cycles.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-secondary">
        Show
      </button>
    </form>
  );
}

function Cell({ figure, k, label }: { figure: ReportFigure | null; k: number; label: string }) {
  if (!figure) return <td data-label={label}>—</td>;
  if (figure.suppressed)
    return (
      <td data-label={label} className="muted">
        Hidden: {hiddenReason(figure.n, k)}
      </td>
    );
  return <td data-label={label}>{formatScore(figure.mean)}</td>;
}

function Overview({ report }: { report: MyReport }) {
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

function CompetencyBars({ report }: { report: MyReport }) {
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

function Agreement({ report }: { report: MyReport }) {
  const lines: { key: string; kind: "blind_spot" | "hidden_strength"; text: ReactNode }[] = [];
  for (const axis of report.competencies) {
    const self = shown(axis.groups.self);
    const others = shown(axis.groups.others);
    if (!self || !others || !self.agreement || self.agreement === "in_line") continue;
    const range = interval(others);
    lines.push({
      key: axis.key,
      kind: self.agreement,
      text:
        self.agreement === "blind_spot" ? (
          <>
            You rate yourself higher than others do on <strong>{axis.name}</strong>: {formatScore(self.mean)} vs{" "}
            {formatScore(others.mean)} (others&apos; range {range}). Worth asking a few people what they would like to
            see more of.
          </>
        ) : (
          <>
            Others rate you higher than you rate yourself on <strong>{axis.name}</strong>: {formatScore(others.mean)}{" "}
            (others&apos; range {range}) vs your {formatScore(self.mean)}. People who under-rate themselves are often
            the quiet strengths a team relies on — this is something you do well.
          </>
        ),
    });
  }
  const noSelf = report.competencies.every((a) => !shown(a.groups.self));
  const comparable = report.competencies.some((a) => shown(a.groups.self) && shown(a.groups.others));
  return (
    <section className="card" aria-labelledby="agreement-heading">
      <h2 id="agreement-heading">Where you and others see it differently</h2>
      {noSelf ? (
        <p className="muted">There is no self-review in this cycle, so there is nothing to compare.</p>
      ) : !comparable ? (
        <p className="muted">
          Nothing to compare yet: what others said is hidden for every competency, because too few answered.
        </p>
      ) : lines.length === 0 ? (
        <p className="muted">
          Your view of yourself is in line with others&apos; wherever both can be shown: your score falls inside their
          range.
        </p>
      ) : (
        <ul className="plain-list report-agreement">
          {lines.map((line) => (
            <li key={line.key} className={`report-agreement-${line.kind}`}>
              <span className={`badge ${line.kind === "blind_spot" ? "badge-warning" : "badge-success"}`}>
                {line.kind === "blind_spot" ? "Blind spot" : "Hidden strength"}
              </span>{" "}
              {line.text}
            </li>
          ))}
        </ul>
      )}
      <ManagerGaps report={report} />
      <p className="muted small">
        Only differences where a score falls outside others&apos; range are listed; smaller ones may be chance.
        Competencies where others&apos; figure is hidden are left out.
      </p>
    </section>
  );
}

/** Your manager against the people who work beside you, in words. */
function ManagerGaps({ report }: { report: MyReport }) {
  const gaps = report.competencies.flatMap((axis) => {
    const manager = shown(axis.groups.manager);
    const others = shown(axis.groups.others);
    if (!manager || !others) return [];
    const gap = managerOthersGap(manager.mean, others);
    return gap && gap !== "in_line" ? [{ axis, manager, others, gap }] : [];
  });
  const comparable = report.competencies.some((a) => shown(a.groups.manager) && shown(a.groups.others));
  return (
    <>
      <h3 className="report-subheading">Your manager and others</h3>
      {!comparable ? (
        <p className="muted">
          Nothing to compare:{" "}
          {report.competencies.some((a) => shown(a.groups.manager))
            ? "what others said is hidden wherever your manager answered."
            : "there is no review from your manager in this cycle."}
        </p>
      ) : gaps.length === 0 ? (
        <p className="muted">Your manager sees you as your peers and direct reports do, wherever both can be shown.</p>
      ) : (
        <ul className="plain-list report-agreement">
          {gaps.map(({ axis, manager, others, gap }) => (
            <li key={axis.key}>
              <span className="badge badge-info">{gap === "manager_lower" ? "Manager lower" : "Manager higher"}</span>{" "}
              {gap === "manager_lower" ? (
                <>
                  Your manager rates you lower than your peers and direct reports do on <strong>{axis.name}</strong>:{" "}
                  {formatScore(manager.mean)} vs {formatScore(others.mean)} (others&apos; range {interval(others)}). The
                  people who work beside you see more of this than your manager does — worth showing them in your next
                  conversation.
                </>
              ) : (
                <>
                  Your manager rates you higher than your peers and direct reports do on <strong>{axis.name}</strong>:{" "}
                  {formatScore(manager.mean)} vs {formatScore(others.mean)} (others&apos; range {interval(others)}).
                  Worth asking the people around you what would help them see it too.
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Visibility({ axis, k }: { axis: ReportAxis; k: number }) {
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

const COMMENT_GROUP_LABEL = {
  you: { others: "From peers and direct reports (anonymous)", manager: "From your manager", self: "Your own answer" },
  them: {
    others: "From peers and direct reports (anonymous)",
    manager: "From their manager",
    self: "Their own answer",
  },
} as const;

/** Comments by question, in the random order the server drew for this
 *  request; anonymous ones only when the threshold allowed them. Written to
 *  the subject ("you") or about them ("them"). */
export function Comments({ report, voice = "you" }: { report: MyReport; voice?: "you" | "them" }) {
  const k = report.cycle.minGroupSize;
  const labels = COMMENT_GROUP_LABEL[voice];
  const byQuestion = new Map<string, MyReport["comments"]>();
  for (const group of report.comments)
    byQuestion.set(group.question, [...(byQuestion.get(group.question) ?? []), group]);
  const anonymousShown = report.comments.some((g) => g.group === "others");
  return (
    <section className="card" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Comments</h2>
      <p className="muted">
        Anonymous comments are shown in a new random order each time {voice === "you" ? "you open" : "anyone opens"}{" "}
        this page, without names or dates.
      </p>
      {!anonymousShown && report.anonymousResponses < k && (
        <p className="notice">Anonymous comments are hidden: {hiddenReason(report.anonymousResponses, k)}.</p>
      )}
      {byQuestion.size === 0 ? (
        <p className="muted">No comments to show for this cycle.</p>
      ) : (
        [...byQuestion.entries()].map(([question, groups]) => (
          <div key={question} className="report-question">
            <h3>{question}</h3>
            {groups.map((group) => (
              <div key={group.group}>
                <p className="strong small">{labels[group.group]}</p>
                <ul className="report-comments">
                  {group.bodies.map((body, index) => (
                    // Bodies carry no id on purpose; the position within this render is the only key there is.
                    <li key={index}>{body}</li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        ))
      )}
    </section>
  );
}

/** The change since the previous cycle, and whether it is more than chance:
 *  the earlier mean outside this cycle's interval. */
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

function Trend({ report }: { report: MyReport }) {
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
