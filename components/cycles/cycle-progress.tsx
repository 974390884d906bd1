/**
 * A cycle's progress in counts only, overall and by department.
 */
import { CountedDaily } from "../ui/counted-daily";
import { percent } from "@/lib/format";
import { ProgressBar } from "../ui/progress-bar";
import styles from "./cycles.module.css";
import { type CycleDetailData } from "./types";

export function Progress({ cycle }: { cycle: CycleDetailData }) {
  const { requests } = cycle;
  const hasRequests = requests.total > 0;
  const answerable = requests.total - requests.declined;
  const closed = cycle.status === "closed" || cycle.status === "published";
  return (
    <section className="card" aria-labelledby="progress-heading">
      <h2 id="progress-heading">Progress</h2>
      {hasRequests ? (
        <>
          <ProgressBar value={requests.submitted} max={answerable} label={`${cycle.name}: response rate`} />
          <dl className={styles.figures}>
            <Figure label="People reviewed" value={cycle.participants} />
            <Figure label="Submitted" value={requests.submitted} />
            <Figure label={closed ? "Draft, not sent" : "In progress"} value={requests.inProgress} />
            <Figure label={closed ? "Never started" : "Not started"} value={requests.notStarted} />
            <Figure label="Declined" value={requests.declined} />
          </dl>
          <p className="muted small">Counts only: no one can see who has answered, or what.</p>
          {cycle.countedOn && <CountedDaily countedOn={cycle.countedOn} />}
          <div className="table-scroll">
            <table className="table table-stack">
              <caption className="visually-hidden">Requests by the department of the person reviewed</caption>
              <thead>
                <tr>
                  <th scope="col">Department</th>
                  <th scope="col">People</th>
                  <th scope="col">Submitted</th>
                  <th scope="col">In progress</th>
                  <th scope="col">Not started</th>
                  <th scope="col">Declined</th>
                  <th scope="col">Response rate</th>
                </tr>
              </thead>
              <tbody>
                {cycle.byDepartment.map((d) => (
                  <tr key={d.department}>
                    <th scope="row">
                      <span className="strong">{d.department || "No department"}</span>
                    </th>
                    <td data-label="People">{d.participants}</td>
                    <td data-label="Submitted">{d.submitted}</td>
                    <td data-label="In progress">{d.inProgress}</td>
                    <td data-label="Not started">{d.notStarted}</td>
                    <td data-label="Declined">{d.declined}</td>
                    <td data-label="Response rate">{percent(d.submitted, d.total - d.declined)}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <>
          <dl className={styles.figures}>
            <Figure label="People taking part" value={cycle.participants} />
            {cycle.plan && <Figure label="Requests to send" value={cycle.plan.requests} />}
            {cycle.status === "nominating" && cycle.nominations && (
              <>
                <Figure
                  label={`With ${cycle.minPeers}+ approved peers`}
                  value={cycle.nominations.subjectsWithEnoughPeers}
                />
                <Figure label="Nominations to approve" value={cycle.nominations.awaitingApproval} />
              </>
            )}
          </dl>
          {cycle.status === "nominating" && cycle.nominations && (
            <ProgressBar
              value={cycle.nominations.subjectsWithEnoughPeers}
              max={cycle.participants}
              label={`People with at least ${cycle.minPeers} approved peers`}
            />
          )}
          <p className="muted small">
            {cycle.status === "draft"
              ? "No requests yet: they are generated when collection starts, from the org chart and approved nominations."
              : "No requests yet: they are sent when collection starts."}
          </p>
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">People taking part by department</caption>
              <thead>
                <tr>
                  <th scope="col">Department</th>
                  <th scope="col">People taking part</th>
                </tr>
              </thead>
              <tbody>
                {cycle.byDepartment.map((d) => (
                  <tr key={d.department}>
                    <th scope="row">{d.department || "No department"}</th>
                    <td>{d.participants}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div className={styles.figure}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
