"use client";

import { useQueries } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";
import { formatMomentUtc, plural } from "../ui/format";
import styles from "./outbox.module.css";

/** The mails, newest first, a page at a time; "Show older" adds the next page below. */
export function Outbox() {
  const trpc = useTRPC();
  const [starts, setStarts] = useState<(number | undefined)[]>([undefined]);
  const pages = useQueries({
    queries: starts.map((before) => trpc.outbox.list.queryOptions(before === undefined ? {} : { before })),
  });
  const mails = pages.flatMap((page) => page.data?.mails ?? []);
  const last = pages.at(-1);
  const failed = pages.find((page) => page.isError);
  if (pages[0]?.isPending) {
    return (
      <p className="muted" role="status">
        Loading the outbox…
      </p>
    );
  }
  return (
    <section aria-labelledby="outbox-heading" className="stack">
      <h2 id="outbox-heading" className="visually-hidden">
        Mails
      </h2>
      {mails.length === 0 && !failed ? (
        <p className="card empty">No mail yet. Reminders HR sends from a collecting cycle&apos;s page arrive here.</p>
      ) : (
        <ol className={styles.list}>
          {mails.map((mail) => (
            <li key={mail.id} className={`card ${styles.mail}`}>
              <article aria-labelledby={`mail-${mail.id}`}>
                <h3 id={`mail-${mail.id}`} className={styles.subject}>
                  {mail.subject}
                </h3>
                <dl className={styles.meta}>
                  <div>
                    <dt>To</dt>
                    <dd>{mail.to}</dd>
                  </div>
                  <div>
                    <dt>Sent</dt>
                    <dd>{formatMomentUtc(mail.createdAt)}</dd>
                  </div>
                </dl>
                <pre className={styles.text}>{mail.text}</pre>
              </article>
            </li>
          ))}
        </ol>
      )}
      {failed && (
        <div className="notice notice-error" role="alert">
          <p>Could not load the outbox: {failed.error?.message}</p>
          <button type="button" className="button button-secondary" onClick={() => void failed.refetch()}>
            Try again
          </button>
        </div>
      )}
      <p className="row-start">
        <span className="small muted" role="status">
          {plural(mails.length, "mail")} shown
        </span>
        {last?.data?.more && (
          <button type="button" className="button button-secondary" onClick={() => setStarts((s) => [...s, mails.at(-1)!.id])}>
            Show older
          </button>
        )}
        {last?.isPending && <span className="small muted">Loading older mail…</span>}
      </p>
    </section>
  );
}
