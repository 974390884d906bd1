/**
 * Where a cycle stands, and the one step HR can take next (publishing
 * included), with what it will do.
 */
import Link from "next/link";
import { useState } from "react";
import { plural } from "@/lib/format";
import { cycleStatusLabel } from "../ui/labels";
import { ProgressBar } from "../ui/progress-bar";
import { ConfirmDialog } from "./confirm-dialog";
import { useMoveCycle } from "./use-move-cycle";
import { usePublish } from "./use-publish";
import styles from "./cycles.module.css";
import { type CycleDetailData, type Status, type Target } from "./types";
import { KEquals } from "./k-equals";

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

export function NextStep({ cycle }: { cycle: CycleDetailData }) {
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
