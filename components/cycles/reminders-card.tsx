/**
 * Reminders while a cycle collects: how many a click reaches, then the send.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";
import { CountedDaily } from "../ui/counted-daily";
import { formatDay, plural } from "@/lib/format";
import { ConfirmDialog } from "./confirm-dialog";
import styles from "./cycles.module.css";
import { type CycleDetailData } from "./types";

/** HR reminds everyone with open requests; the count comes first, so the
 *  button says how many people a click reaches. */
export function Reminders({ cycle }: { cycle: CycleDetailData }) {
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
