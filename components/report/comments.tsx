/**
 * Anonymous and attributed comments, grouped by question, shown only under
 * the same threshold as the figures.
 */
import type { MyReport } from "./types";
import { hiddenReason } from "./figure-format";

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
