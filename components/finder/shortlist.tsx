"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { plural } from "@/lib/format";
import { Pager } from "../ui/pager";
import { QueryState } from "../ui/query-state";
import { formatMean, MANAGER_GAP_THRESHOLD, signalsOf } from "./figures";
import type { FinderAddress } from "./finder-url";
import styles from "./finder.module.css";
import { type PeopleTableProps, PersonCell, PersonFigures } from "./person-cell";
import type { FinderPeoplePage } from "./types";
import { useFinderPeople } from "./use-finder-people";

/** Hands a text file to the browser as a download, without a round trip. */
function download(text: string, filename: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a moment later: some browsers start reading the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function ExportButton({ address }: { address: FinderAddress & { cycleId: string } }) {
  const trpc = useTRPC();
  const exportShortlist = useMutation(
    trpc.finder.exportShortlist.mutationOptions({ onSuccess: ({ csv, filename }) => download(csv, filename) }),
  );
  return (
    <div className={styles.export}>
      <button
        type="button"
        className="button button-secondary"
        disabled={exportShortlist.isPending}
        onClick={() => exportShortlist.mutate({ cycleId: address.cycleId, filters: address.filters })}
      >
        {exportShortlist.isPending ? "Exporting…" : "Export CSV"}
      </button>
      <p role="status" className="small muted">
        {exportShortlist.isSuccess &&
          `Downloaded ${exportShortlist.data.filename} (${plural(exportShortlist.data.rows, "person", "people")}). The export is recorded in the audit log.`}
      </p>
      {exportShortlist.isError && (
        <p role="alert" className="notice notice-error">
          Could not export the shortlist: {exportShortlist.error.message}
        </p>
      )}
    </div>
  );
}

/**
 * The quiet influencers of the view, strongest evidence first, a page at a
 * time. Each name opens that person's evidence; focusing or pointing at a
 * row rings the person on the chart above.
 */
export function Shortlist({ firstPage, address, onHighlight }: PeopleTableProps & { firstPage: FinderPeoplePage }) {
  const { data: shown, loading, query, page, setPage } = useFinderPeople(address, "shortlist", { firstPage });
  const total = firstPage.total;
  return (
    <section className="card" aria-labelledby="shortlist-heading">
      <div className="row-between">
        <div>
          <h2 id="shortlist-heading">Shortlist: {plural(total, "quiet influencer")}</h2>
          <p className="muted">
            Ordered by the lower end of each person&apos;s competence range, not by the figure itself: thin evidence
            does not rank high.
          </p>
        </div>
        {total > 0 && <ExportButton address={address} />}
      </div>
      {total === 0 ? (
        <p className="empty">
          Nobody in this view is above the organisation&apos;s median on competence and at or below it on visibility.
        </p>
      ) : (
        <QueryState query={query} what="the shortlist" shown={shown}>
          {(data) => (
            <>
              <div className="table-scroll">
                <table className={`table table-stack ${styles.shortlist}`}>
                  <caption className="visually-hidden">Quiet influencers in this view, in shortlist order</caption>
                  <thead>
                    <tr>
                      <th scope="col">Rank</th>
                      <th scope="col">Person</th>
                      <th scope="col">Competence (range)</th>
                      <th scope="col">Visibility</th>
                      <th scope="col">Anonymous responses</th>
                      <th scope="col">Worth noting</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.people.map((person) => (
                      <tr key={person.id}>
                        <td data-label="Rank" className={styles.rankCell}>
                          {person.rank}
                        </td>
                        <PersonCell
                          person={person}
                          rank={person.rank ?? undefined}
                          address={address}
                          onHighlight={onHighlight}
                        />
                        <PersonFigures person={person} />
                        <td
                          data-label="Worth noting"
                          className={signalsOf(person).length === 0 ? styles.quietCell : undefined}
                        >
                          <ul className={styles.signals}>
                            {signalsOf(person).map((signal) => (
                              <li key={signal}>{signal}</li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager
                page={page}
                pageSize={data.pageSize}
                total={data.total}
                what="quiet influencers"
                loading={loading}
                onPage={setPage}
              />
            </>
          )}
        </QueryState>
      )}
      {total > 0 && (
        <div className="small muted">
          <p>
            Competence is what peers and direct reports said about the five competencies, pulled toward the
            organisation&apos;s average where few answered; the range in brackets is where it most likely lies (90 %),
            wider the fewer people answered.
          </p>
          <p>
            Worth noting: “Rated lower by their manager than by peers” when the manager&apos;s composite is{" "}
            {formatMean(MANAGER_GAP_THRESHOLD)} points or more below the anonymous raters&apos;; “Under-estimates
            themself” when their self-review falls below others&apos; range.
          </p>
        </div>
      )}
    </section>
  );
}
