"use client";

import { useState } from "react";
import { plural } from "@/lib/format";
import { Pager } from "../ui/pager";
import { QueryState } from "../ui/query-state";
import { QUADRANT_NAMES } from "./figures";
import styles from "./finder.module.css";
import { type PeopleTableProps, PersonCell, PersonFigures } from "./person-cell";
import { useFinderPeople } from "./use-finder-people";

/**
 * Everyone in the view with the chart's numbers, by name, a page at a time:
 * the chart's accessible equivalent and its keyboard path. Read only once
 * opened.
 */
export function EveryoneTable({ total, address, onHighlight }: PeopleTableProps & { total: number }) {
  const [open, setOpen] = useState(false);
  const { data: shown, loading, query, page, setPage } = useFinderPeople(address, "everyone", { enabled: open });
  return (
    <section className="card" aria-labelledby="everyone-heading">
      <h2 id="everyone-heading">Everyone in this view</h2>
      <details className={styles.everyone} onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>Show all {plural(total, "person", "people")} with the chart&apos;s numbers</summary>
        {open && (
          <QueryState query={query} what="everyone in this view" shown={shown}>
            {(data) => (
              <>
                <div className="table-scroll">
                  <table className="table table-stack">
                    <caption className="visually-hidden">
                      Everyone in this view: quadrant, competence, visibility and responses
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">Person</th>
                        <th scope="col">Quadrant</th>
                        <th scope="col">Competence (range)</th>
                        <th scope="col">Visibility</th>
                        <th scope="col">Anonymous responses</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.people.map((person) => (
                        <tr key={person.id}>
                          <PersonCell person={person} address={address} onHighlight={onHighlight} />
                          <td data-label="Quadrant">
                            {QUADRANT_NAMES[person.quadrant]}
                            {person.rank !== null && (
                              <span className="block small muted">number {person.rank} on the shortlist</span>
                            )}
                          </td>
                          <PersonFigures person={person} />
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <Pager
                  page={page}
                  pageSize={data.pageSize}
                  total={data.total}
                  what="people"
                  loading={loading}
                  onPage={setPage}
                />
              </>
            )}
          </QueryState>
        )}
      </details>
    </section>
  );
}
