"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useState } from "react";
import type { AppRouter } from "@/server/api/root";
import { useTRPC } from "@/trpc/react";
import { Badge } from "../ui/badge";
import { CountedDaily } from "../ui/counted-daily";
import { describeDue, formatDay, percent, plural } from "../ui/format";
import { cycleStatusLabel } from "../ui/labels";
import { ProgressBar } from "../ui/progress-bar";
import { QueryState } from "../ui/query-state";
import { ConfirmDialog } from "./confirm-dialog";
import { type MoveTarget, useMoveCycle } from "./use-move-cycle";
import { usePublish } from "./use-publish";
import styles from "./cycles.module.css";

export type CycleDetailData = inferRouterOutputs<AppRouter>["cycles"]["detail"];
type Status = CycleDetailData["status"];
type Target = MoveTarget;

const STEPS: Status[] = ["draft", "nominating", "collecting", "closed", "published"];

/** The one step HR can take from each state. */
const NEXT_ACTION: Record<Status, { to: Target; label: string; pending: string; done: string } | null> = {
  draft: { to: "nominating", label: "Open nominations", pending: "Opening…", done: "Nominations are open." },
  nominating: {
    to: "collecting",
    label: "Start collecting feedback",
    pending: "Starting…",
    done: "Collection has started.",
  },
  collecting: { to: "closed", label: "Close cycle", pending: "Closing…", done: "The cycle is closed." },
  closed: { to: "published", label: "Publish reports", pending: "Publishing…", done: "Reports are published." },
  published: null,
};

const WHERE_IT_STANDS: Record<Status, string> = {
  draft:
    "Only HR can see this cycle. Check its settings, then open nominations: from then on the settings, k above all, are fixed.",
  nominating:
    "The people taking part are proposing peers and their managers are approving them. No feedback requests have been sent yet.",
  collecting: "Feedback requests are out. Progress below is counts only: nobody can see who answered, or what.",
  closed: "Collection has ended and the answers have been shuffled. Publishing computes every report's figures, once.",
  published: "Reports are published: the figures were computed once, from the answers as they stood at close.",
};

export function CycleDetail({ cycleId }: { cycleId: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.cycles.detail.queryOptions({ cycleId }));
  return (
    <QueryState query={query} what="this cycle">
      {(cycle) => <CycleDetailView cycle={cycle} />}
    </QueryState>
  );
}

function CycleDetailView({ cycle }: { cycle: CycleDetailData }) {
  const [statusText, tone] = cycleStatusLabel[cycle.status];
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className={styles.breadcrumbs}>
        <ol>
          <li>
            <Link href="/cycles">Feedback cycles</Link>
          </li>
          <li aria-current="page">{cycle.name}</li>
        </ol>
      </nav>
      <div className={styles.headerRow}>
        <h1>{cycle.name}</h1>
        <Badge tone={tone}>{statusText}</Badge>
      </div>

      <NextStep cycle={cycle} />
      {cycle.status === "collecting" && <Reminders cycle={cycle} />}
      <Settings cycle={cycle} />
      <Progress cycle={cycle} />
      {cycle.status !== "published" && <GroupSizeWarnings cycle={cycle} />}
    </div>
  );
}

function NextStep({ cycle }: { cycle: CycleDetailData }) {
  const [confirming, setConfirming] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const action = NEXT_ACTION[cycle.status];
  const advance = useMoveCycle(cycle.id, (result) => {
    const done = action?.done ?? "Done.";
    setAnnouncement(
      result.requestsCreated > 0 ? `${done} ${plural(result.requestsCreated, "feedback request")} sent.` : done,
    );
    setConfirming(false);
  });
  const publish = usePublish(cycle.id, {
    watch: cycle.status === "closed",
    cycleClosed: cycle.status === "closed",
    onPublished: () => {
      setAnnouncement(NEXT_ACTION.closed!.done);
      setConfirming(false);
    },
  });
  const publishing = action?.to === "published";
  const job = publish.job;
  const progress = publish.active && job && (
    <>
      <ProgressBar
        value={job.step}
        max={job.steps || 1}
        label={`Publishing: ${job.label ?? "waiting for a server"}`}
        text={job.step > 0 ? `Step ${job.step} of ${job.steps}: ${job.label}…` : "Waiting for a server to start…"}
      />
      <p className="muted">
        It runs on the server: closing this page does not stop it, and nothing is visible until it has finished.
      </p>
      {job.stalled && (
        <p className="notice">
          The server publishing this has stopped answering. Another server takes it over within a minute and starts
          again from the beginning; nothing is published until it finishes.
        </p>
      )}
    </>
  );

  return (
    <section className="card" aria-labelledby="next-step-heading">
      <h2 id="next-step-heading">Where it stands</h2>
      <ol className={styles.steps} aria-label="Steps of a cycle">
        {STEPS.map((step, i) => {
          const current = step === cycle.status;
          const done = i < STEPS.indexOf(cycle.status);
          return (
            <li
              key={step}
              className={`${styles.step} ${current ? styles.stepCurrent : done ? styles.stepDone : ""}`}
              aria-current={current ? "step" : undefined}
            >
              {cycleStatusLabel[step][0]}
              {done && <span className="visually-hidden"> (done)</span>}
            </li>
          );
        })}
      </ol>
      <p>{WHERE_IT_STANDS[cycle.status]}</p>
      <p role="status" className={announcement ? "notice" : "visually-hidden"}>
        {announcement}
      </p>
      {publishing && !confirming && progress}
      {publishing && !confirming && !publish.active && job?.state === "failed" && (
        <p className="notice notice-error">The last attempt to publish failed: {job.error}</p>
      )}
      <div className={styles.actions}>
        {action && !(publishing && publish.active) && (
          <button
            type="button"
            className="button"
            onClick={() => {
              advance.reset();
              publish.reset();
              setConfirming(true);
            }}
          >
            {action.label}
          </button>
        )}
        {cycle.status === "draft" && (
          <Link href={`/cycles/${cycle.id}/edit`} className="button button-secondary">
            Edit settings
          </Link>
        )}
      </div>
      {action && (
        <ConfirmDialog
          open={confirming}
          title={`${action.label}?`}
          confirmLabel={action.label}
          pendingLabel={action.pending}
          pending={publishing ? publish.pending : advance.isPending}
          progress={publishing ? progress : undefined}
          error={publishing ? publish.error : (advance.error?.message ?? null)}
          onClose={() => setConfirming(false)}
          onConfirm={() => {
            if (action.to === "published") publish.start();
            else if (!advance.isPending) advance.mutate({ cycleId: cycle.id, to: action.to });
          }}
        >
          <WhatHappens cycle={cycle} to={action.to} />
        </ConfirmDialog>
      )}
    </section>
  );
}

/** HR reminds everyone with open requests; the count comes first, so the
 *  button says how many people a click reaches. */
function Reminders({ cycle }: { cycle: CycleDetailData }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const preview = useQuery(trpc.reminders.preview.queryOptions({ cycleId: cycle.id }));
  const send = useMutation(
    trpc.reminders.send.mutationOptions({
      onSuccess: async (result) => {
        setAnnouncement(describeReminders(result));
        setConfirming(false);
        await Promise.all([
          queryClient.invalidateQueries(trpc.reminders.pathFilter()),
          queryClient.invalidateQueries(trpc.outbox.pathFilter()),
        ]);
      },
    }),
  );
  const due = preview.data?.due ?? 0;
  const reminded = preview.data?.remindedToday ?? 0;

  return (
    <section className="card" aria-labelledby="reminders-heading">
      <h2 id="reminders-heading">Reminders</h2>
      {preview.isPending ? (
        <p className="muted">Counting who has requests still open…</p>
      ) : preview.isError ? (
        <p className="notice notice-error" role="alert">
          Could not count who would get a reminder: {preview.error.message}
        </p>
      ) : (
        <>
          <p>
            {due > 0
              ? `${plural(due, "person has", "people have")} requests still open and no reminder today.`
              : reminded > 0
                ? "Everyone with requests still open has had a reminder today. They can be reminded again tomorrow."
                : "Nobody has requests still open: there is no one to remind."}
            {due > 0 &&
              reminded > 0 &&
              ` ${plural(reminded, "other person has", "others have")} had one today already.`}
          </p>
          <CountedDaily countedOn={preview.data.countedOn} />
        </>
      )}
      <p className="muted small">
        Each person gets one mail with their own number of open requests, the closing date and a link to their requests,
        and never a name. Nobody gets more than one reminder a day. Undercurrent also sends them by itself three days
        before the cycle closes.
        {preview.data?.delivery === "outbox" && (
          <>
            {" "}
            No mail server is set up, so reminders go to the <Link href="/outbox">dev outbox</Link>.
          </>
        )}
      </p>
      <p role="status" className={announcement ? "notice" : "visually-hidden"}>
        {announcement}
      </p>
      {due > 0 && (
        <div className={styles.actions}>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              send.reset();
              setConfirming(true);
            }}
          >
            Send reminders to {plural(due, "person", "people")}
          </button>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title="Send reminders?"
        confirmLabel="Send reminders"
        pendingLabel="Sending…"
        pending={send.isPending}
        error={send.error?.message ?? null}
        onClose={() => setConfirming(false)}
        onConfirm={() => {
          if (!send.isPending) send.mutate({ cycleId: cycle.id });
        }}
      >
        <ul>
          <li>
            {plural(due, "person gets", "people get")} one mail each: how many requests they still have open in “
            {cycle.name}”, that it closes on {formatDay(cycle.closesOn)}, and a link to their requests.
          </li>
          <li>The mail names no one: not the people they are asked about, not the other raters.</li>
          {reminded > 0 && <li>{plural(reminded, "person", "people")} reminded today already will not get another.</li>}
        </ul>
      </ConfirmDialog>
    </section>
  );
}

function describeReminders(result: { sent: number; skipped: number; failed: number }): string {
  const parts = [`Reminded ${plural(result.sent, "person", "people")}`];
  if (result.skipped > 0) parts.push(`${result.skipped} already had one today`);
  if (result.failed > 0)
    parts.push(`${result.failed} could not be sent (the mail server refused them): try again later`);
  return `${parts.join("; ")}.`;
}

/** What the next step does, in the numbers of this cycle. */
function WhatHappens({ cycle, to }: { cycle: CycleDetailData; to: Target }) {
  const k = cycle.minGroupSize;
  if (to === "nominating") {
    return (
      <ul>
        <li>
          The {plural(cycle.participants, "person", "people")} taking part can propose peers to give them feedback, and
          their managers approve them.
        </li>
        <li>
          The settings are fixed from now on: the minimum group size stays at <KEquals k={k} /> and can no longer
          change.
        </li>
        <li>No feedback requests are sent yet.</li>
      </ul>
    );
  }
  if (to === "collecting") {
    const plan = cycle.plan ?? { requests: 0, raters: 0 };
    const awaiting = cycle.nominations?.awaitingApproval ?? 0;
    return (
      <ul>
        <li>
          Starting collection sends {plural(plan.requests, "feedback request")} to{" "}
          {plural(plan.raters, "person", "people")}; <KEquals k={k} /> can no longer change.
        </li>
        <li>
          Nominations close: only approved peers are asked.
          {awaiting > 0 && ` ${plural(awaiting, "nomination")} still waiting for a manager will not be.`}
        </li>
        {cycle.warnings.length > 0 && (
          <li>
            {plural(cycle.warnings.length, "person", "people")} cannot reach <KEquals k={k} /> anonymous raters; their
            reports will show less (see the list on this page).
          </li>
        )}
        <li>Requests cannot be taken back once sent.</li>
      </ul>
    );
  }
  if (to === "published") {
    return (
      <ul>
        <li>
          Every figure of every report is computed now and stored; reports show exactly these figures from then on.
        </li>
        <li>
          Anonymous groups below <KEquals k={k} /> stay hidden, with their count only, and peers and direct reports are
          shown apart only where each group has at least <KEquals k={k} />.
        </li>
        <li>
          Comments are shown only behind at least <KEquals k={k} /> anonymous responses.
        </li>
      </ul>
    );
  }
  const open = cycle.requests.notStarted + cycle.requests.inProgress;
  return (
    <ul>
      <li>
        {open === 0
          ? "Every request has been answered or declined."
          : `${plural(open, "request")} still unanswered (${cycle.requests.inProgress} with a saved draft) can no longer be answered.`}
      </li>
      <li>The submitted answers are shuffled, so that their order no longer follows when they were given.</li>
      <li>A closed cycle cannot be reopened. Publishing the reports comes next.</li>
    </ul>
  );
}

function Settings({ cycle }: { cycle: CycleDetailData }) {
  return (
    <section className="card" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <dl className={styles.settings}>
        <div>
          <dt>Dates</dt>
          <dd>
            {formatDay(cycle.opensOn)} – {formatDay(cycle.closesOn)}
            {cycle.status === "collecting" && (
              <span className={styles.note} suppressHydrationWarning>
                {describeDue(cycle.closesOn)}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>Who takes part</dt>
          <dd>{cycle.departments === null ? "Whole organisation" : cycle.departments.join(", ")}</dd>
        </div>
        <div>
          <dt>Minimum group size</dt>
          <dd>
            k = {cycle.minGroupSize}
            <span className={styles.note}>
              {cycle.status === "draft" ? "can change until nominations open" : "fixed"}
            </span>
          </dd>
        </div>
        <div>
          <dt>Peers per person</dt>
          <dd>
            {cycle.minPeers}–{cycle.maxPeers}
          </dd>
        </div>
        <div>
          <dt>Competency model</dt>
          <dd>{cycle.modelName}</dd>
        </div>
      </dl>
    </section>
  );
}

function Progress({ cycle }: { cycle: CycleDetailData }) {
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

/** "k = 3", never broken across lines. */
function KEquals({ k }: { k: number }) {
  return <span className={styles.nowrap}>k = {k}</span>;
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div className={styles.figure}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function GroupSizeWarnings({ cycle }: { cycle: CycleDetailData }) {
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
