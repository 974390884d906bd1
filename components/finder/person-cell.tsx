"use client";

import Link from "next/link";
import { competenceText, formatMean } from "./figures";
import { evidenceHref, type FinderAddress } from "./finder-url";
import styles from "./finder.module.css";
import type { FinderPerson } from "./types";

/** What each of the finder's tables of people takes. */
export interface PeopleTableProps {
  address: FinderAddress & { cycleId: string };
  /** Rings a person on the chart (null: nobody). */
  onHighlight: (person: FinderPerson | null) => void;
}

/**
 * A person's row header in the finder's tables: the name opens their evidence,
 * and focusing or pointing at it rings the person on the chart, which is how
 * keyboard users reach what the chart's points show on hover.
 */
export function PersonCell({
  person,
  address,
  onHighlight,
  rank,
}: {
  rank?: number;
  person: FinderPerson;
} & PeopleTableProps) {
  return (
    <th scope="row">
      {rank !== undefined && (
        // The rank column is read by screen readers; this copy only shows where that column is folded away.
        <span className={styles.mobileRank} aria-hidden="true">
          {rank}.{" "}
        </span>
      )}
      <Link
        href={evidenceHref(person.id, address)}
        // Opening the evidence writes to the audit log: never fetch it ahead of a click.
        prefetch={false}
        className="strong"
        onFocus={() => onHighlight(person)}
        onBlur={() => onHighlight(null)}
        onMouseEnter={() => onHighlight(person)}
        onMouseLeave={() => onHighlight(null)}
      >
        {person.name}
      </Link>
      <span className="block small muted">
        {person.title} · <span className={styles.department}>{person.department}</span>
      </span>
    </th>
  );
}

/** The chart's numbers for one person, as the cells of a table row. */
export function PersonFigures({ person }: { person: FinderPerson }) {
  return (
    <>
      <td data-label="Competence (range)" className={styles.figure}>
        {competenceText(person)}
      </td>
      <td data-label="Visibility" className={styles.figure}>
        {formatMean(person.visibility)}
      </td>
      <td data-label="Anonymous responses" className={styles.figure}>
        {person.responses}
      </td>
    </>
  );
}
