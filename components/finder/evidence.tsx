"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReportAxis } from "../report/types";
import { useTRPC } from "@/trpc/react";
import { Comments } from "../report/comments";
import { Distribution, ScaleBar, SplitNote } from "../report/competencies";
import { formatScore, hiddenReason, interval, publishedOn, shown, type Shown } from "../report/figure-format";
import { plural } from "@/lib/format";
import { QueryState } from "../ui/query-state";
import { MANAGER_GAP_THRESHOLD } from "./figures";
import { profileFlags } from "../team/scale";
import { finderHref, type FinderAddress } from "./finder-url";
import styles from "./finder.module.css";
import type { CompositeFigure, Evidence } from "./types";

/**
 * One person's evidence for a promotion panel. Every fetch of it is written to
 * the audit log, so it is fetched once (by the server, for the first paint)
 * and never again behind the reader's back: no refetch on focus or reconnect.
 */
export function EvidencePage({
  cycleId,
  subjectId,
  back,
}: {
  cycleId: string;
  subjectId: string;
  back: FinderAddress;
}) {
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.finder.evidence.queryOptions({ cycleId, subjectId }),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  return (
    <div className="stack report">
      <p className="no-print">
        <Link href={finderHref(back)}>← Back to the finder</Link>
      </p>
      <QueryState query={query} what="the evidence">
        {(evidence) => <EvidenceBody evidence={evidence} />}
      </QueryState>
    </div>
  );
}

function EvidenceBody({ evidence }: { evidence: Evidence }) {
  const { person, cycle, report } = evidence;
  const k = cycle.minGroupSize;
  const facts = [
    person.title,
    person.department,
    person.level === null ? null : `level ${person.level}`,
    person.location || null,
  ];
  return (
    <>
      <header className="report-header">
        <div>
          <p className="muted small">Evidence for a promotion panel</p>
          <h1>{person.name}</h1>
          <p className="lead">{facts.filter(Boolean).join(" · ")}</p>
          <p className="muted">
            {cycle.name}, published {publishedOn(cycle.publishedAt)}. Anonymous figures come from peers and direct
            reports and are shown only when at least {k} people stand behind them.
          </p>
        </div>
        <div className="report-actions no-print">
          <button type="button" className="button button-secondary" onClick={() => window.print()}>
            Print
          </button>
        </div>
      </header>
      <p className="notice">
        Your viewing is recorded in the audit log: administrators can see who opened whose evidence, and when.
      </p>
      <Summary evidence={evidence} />
      <section className="card" aria-labelledby="competencies-heading">
        <h2 id="competencies-heading">Competency by competency</h2>
        <p className="muted">
          The line is the range where peers&apos; and direct reports&apos; average most likely lies (a 90 % interval):
          the fewer the answers, the wider it is.
        </p>
        <Legend />
        <div className="report-axes">
          {report.competencies.map((axis) => (
            <EvidenceAxis key={axis.key} axis={axis} k={k} />
          ))}
        </div>
      </section>
      {report.visibility && (
        <section className="card report-visibility" aria-labelledby="visibility-heading">
          <h2 id="visibility-heading">Visibility</h2>
          <p className="notice">
            Not a competency: how much this person is seen and heard. It places them on the finder&apos;s chart and is
            never counted in their competence.
          </p>
          <EvidenceAxis axis={{ ...report.visibility, name: "How visible their work is" }} k={k} />
        </section>
      )}
      <Comments report={evidence.report} voice="them" />
    </>
  );
}

type ShownComposite = Extract<NonNullable<CompositeFigure>, { suppressed: false }>;
const shownComposite = (figure: CompositeFigure): ShownComposite | null =>
  figure && !figure.suppressed ? figure : null;

function compositeRange(figure: ShownComposite, digits = 1): string {
  return figure.ciLow !== null && figure.ciHigh !== null
    ? `90 % range ${figure.ciLow.toFixed(digits)}–${figure.ciHigh.toFixed(digits)}`
    : "one answer, so no range";
}

/** One decimal, or as many more (up to three) as it takes for a score outside a range not to print as
 *  equal to the range's end ("3.8, below 3.8–4.4"). */
function digitsToTell(value: number, range: ShownComposite): number {
  const ends = [range.ciLow, range.ciHigh].filter((end): end is number => end !== null);
  let digits = 1;
  while (digits < 3 && ends.some((end) => end.toFixed(digits) === value.toFixed(digits))) digits++;
  return digits;
}

/** The composite of the five competencies, and the manager and the person themself against it, in words. */
function Summary({ evidence }: { evidence: Evidence }) {
  const k = evidence.cycle.minGroupSize;
  const { others: othersFigure, manager: managerFigure, self: selfFigure } = evidence.composite;
  const others = shownComposite(othersFigure);
  const manager = shownComposite(managerFigure);
  const self = shownComposite(selfFigure);
  return (
    <section className="card" aria-labelledby="summary-heading">
      <h2 id="summary-heading">In short</h2>
      {others ? (
        <div className={styles.headline}>
          <p className={styles.bigFigure}>
            <span className="visually-hidden">Competence </span>
            {formatScore(others.shrunkMean ?? others.mean)}
            <span className="small muted"> of 5</span>
          </p>
          <p>
            <span className="strong">Competence across the five competencies, as the finder places them.</span> Peers
            and direct reports average {formatScore(others.mean)} ({compositeRange(others)}) from{" "}
            {plural(others.n, "anonymous response")}
            {others.shrunkMean !== null
              ? "; the finder pulls that toward the organisation's average in proportion to how few answered."
              : "."}
          </p>
        </div>
      ) : (
        <p className="notice">
          Competence: {othersFigure ? hiddenReason(othersFigure.n, k) : "no anonymous responses — nothing to show"}.
        </p>
      )}
      <ul className="plain-list">
        <li>
          <ManagerLine manager={manager} others={others} missing={managerFigure === null} />
        </li>
        <li>
          <SelfLine self={self} others={others} missing={selfFigure === null} />
        </li>
      </ul>
    </section>
  );
}

function ManagerLine({
  manager,
  others,
  missing,
}: {
  manager: ShownComposite | null;
  others: ShownComposite | null;
  missing: boolean;
}) {
  if (!manager)
    return (
      <span className="muted">
        {missing ? "No review from their manager in this cycle." : "Their manager's review is not shown."}
      </span>
    );
  if (!others)
    return <>Their manager rates them {formatScore(manager.mean)}; there is no anonymous figure to compare it with.</>;
  const gap = manager.differenceFromOthers ?? manager.mean - others.mean;
  if (gap <= -MANAGER_GAP_THRESHOLD) {
    return (
      <>
        <span className="badge badge-warning">Manager lower</span> Their manager rates them {formatScore(manager.mean)},{" "}
        {formatScore(-gap)} below peers and direct reports ({formatScore(others.mean)}). The people who work beside them
        see more of this than their manager does.
      </>
    );
  }
  if (gap >= MANAGER_GAP_THRESHOLD) {
    return (
      <>
        <span className="badge badge-info">Manager higher</span> Their manager rates them {formatScore(manager.mean)},{" "}
        {formatScore(gap)} above peers and direct reports ({formatScore(others.mean)}).
      </>
    );
  }
  return (
    <>
      Their manager&apos;s view ({formatScore(manager.mean)}) is close to peers&apos; and direct reports&apos; (
      {formatScore(others.mean)}): less than {formatScore(MANAGER_GAP_THRESHOLD)} apart.
    </>
  );
}

function SelfLine({
  self,
  others,
  missing,
}: {
  self: ShownComposite | null;
  others: ShownComposite | null;
  missing: boolean;
}) {
  if (!self)
    return (
      <span className="muted">{missing ? "No self-review in this cycle." : "Their self-review is not shown."}</span>
    );
  if (!others)
    return <>They rate themself {formatScore(self.mean)}; there is no anonymous figure to compare it with.</>;
  const digits = self.agreement === "in_line" ? 1 : digitsToTell(self.mean, others);
  const mean = self.mean.toFixed(digits);
  const range = compositeRange(others, digits);
  if (self.agreement === "hidden_strength") {
    return (
      <>
        <span className="badge badge-success">Under-estimates themself</span> They rate themself {mean}, below
        others&apos; {range}. People who under-rate themselves are often the quiet strengths a team relies on.
      </>
    );
  }
  if (self.agreement === "blind_spot") {
    return (
      <>
        <span className="badge badge-warning">Rates themself higher</span> They rate themself {mean}, above others&apos;{" "}
        {range}.
      </>
    );
  }
  return (
    <>
      Their self-review ({formatScore(self.mean)}) is in line with others&apos; ({formatScore(others.mean)}, {range}).
    </>
  );
}

function Legend() {
  return (
    <ul className="report-legend" aria-label="Legend">
      <li>
        <span className="report-key report-key-others" aria-hidden="true" /> Peers and direct reports (anonymous)
      </li>
      <li>
        <span className={styles.selfKey} aria-hidden="true" /> Self-review
      </li>
      <li>
        <span className="report-key report-key-manager" aria-hidden="true" /> Manager
      </li>
      <li>
        <span className="report-key report-key-org" aria-hidden="true" /> Organisation
      </li>
    </ul>
  );
}

function OthersFigure({ figure, k }: { figure: ReportAxis["groups"]["others"]; k: number }) {
  if (figure === null) return <span className="muted">Others: no responses — nothing to show.</span>;
  if (figure.suppressed) return <span className="muted">Others: {hiddenReason(figure.n, k)}.</span>;
  return (
    <>
      <strong>Others {formatScore(figure.mean)}</strong> (range {interval(figure)}, {plural(figure.n, "response")})
      <Distribution figure={figure} />
    </>
  );
}

/** One axis as a panel reads it: the others' figure with its range, self and manager beside it, differences in words. */
function EvidenceAxis({ axis, k }: { axis: ReportAxis; k: number }) {
  const others = shown(axis.groups.others);
  const self = shown(axis.groups.self);
  const manager = shown(axis.groups.manager);
  return (
    <article className="report-axis">
      <h3>{axis.name}</h3>
      {axis.description && <p className="muted small">{axis.description}</p>}
      <ScaleBar axis={axis} />
      <ul className="report-figures">
        <li>
          <OthersFigure figure={axis.groups.others} k={k} />
        </li>
        <li>
          {self ? (
            <>Self {formatScore(self.mean)}</>
          ) : (
            <span className="muted">Self: no self-review for this one.</span>
          )}
        </li>
        <li>
          {manager ? (
            <>Manager {formatScore(manager.mean)}</>
          ) : (
            <span className="muted">Manager: no review for this one.</span>
          )}
        </li>
        {axis.orgMean !== null && <li className="muted">Organisation {formatScore(axis.orgMean)}</li>}
        <SplitNote axis={axis} k={k} />
      </ul>
      <AxisNotes self={self} manager={manager} others={others} />
    </article>
  );
}

function AxisNotes({ self, manager, others }: { self: Shown | null; manager: Shown | null; others: Shown | null }) {
  if (!others) return null;
  const notes = profileFlags({ others, self, manager });
  if (notes.length === 0) return null;
  return (
    <ul className={styles.axisNotes}>
      {notes.map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}
