"use client";

import { useTRPC } from "@/trpc/react";
import { formatMomentUtc, plural } from "@/lib/format";
import { OlderPagesFooter, useOlderPages } from "../ui/older-pages";
import styles from "./outbox.module.css";

/** The mails, newest first, a page at a time; "Show older" adds the next page below. */
export function Outbox() {
  const trpc = useTRPC();
  const pages = useOlderPages(
    (before) => trpc.outbox.list.queryOptions(before === undefined ? {} : { before }),
    (page) => page.mails,
  );
  const mails = pages.items;
  if (pages.loading) {
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
      {mails.length === 0 && !pages.failed ? (
        <p className="card empty">
          No mail yet. Reminders HR sends from a collecting cycle&apos;s page, and sign-in links people ask for, arrive
          here.
        </p>
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
                <pre className={styles.text}>
                  <MailText text={mail.text} />
                </pre>
              </article>
            </li>
          ))}
        </ol>
      )}
      <OlderPagesFooter
        pages={pages}
        what="the outbox"
        shown={`${plural(mails.length, "mail")} shown`}
        olderLabel="Loading older mail…"
      />
    </section>
  );
}

/** The mail's words with its links clickable, as a mail program would show
 *  them: a demo visitor opens their sign-in link from here. */
function MailText({ text }: { text: string }) {
  return text.split(/(https?:\/\/\S+)/).map((part, i) =>
    i % 2 === 1 ? (
      <a key={i} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}
