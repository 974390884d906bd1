"use client";

import { plural } from "../ui/format";
import { QUADRANT_NAMES } from "./figures";
import styles from "./finder.module.css";
import { type PeopleTableProps, PersonCell, PersonFigures } from "./person-cell";

/** Everyone in the view with the chart's numbers: the chart's accessible equivalent, and its keyboard path. */
export function EveryoneTable({
  people,
  address,
  onHighlight,
}: PeopleTableProps) {
  return (
    <section className="card" aria-labelledby="everyone-heading">
      <h2 id="everyone-heading">Everyone in this view</h2>
      <details className={styles.everyone}>
        <summary>Show all {plural(people.length, "person", "people")} with the chart&apos;s numbers</summary>
        <div className="table-scroll">
          <table className="table table-stack">
            <caption className="visually-hidden">Everyone in this view: quadrant, competence, visibility and responses</caption>
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
              {people.map((person) => (
                <tr key={person.id}>
                  <PersonCell person={person} address={address} onHighlight={onHighlight} />
                  <td data-label="Quadrant">{QUADRANT_NAMES[person.quadrant]}</td>
                  <PersonFigures person={person} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
