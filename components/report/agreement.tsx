/**
 * Self against others (blind spots, hidden strengths) and the manager
 * against anonymous raters.
 */
import type { ReactNode } from "react";
import type { MyReport } from "./types";
import { managerOthersGap } from "@/server/domain/scoring";
import { formatScore, interval, shown } from "./figure-format";

export function Agreement({ report }: { report: MyReport }) {
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
