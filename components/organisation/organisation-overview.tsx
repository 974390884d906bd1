"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import type { AppRouter } from "@/server/api/root";
import { useTRPC } from "@/trpc/react";
import { formatMean } from "../team/scale";
import { percent, plural } from "@/lib/format";
import { ProgressBar } from "../ui/progress-bar";
import { QueryState } from "../ui/query-state";
import styles from "./organisation.module.css";

type Overview = inferRouterOutputs<AppRouter>["organisation"]["overview"];
type Mover = Overview["movers"]["rose"][number];

/** Bands of the difference from the organisation, in points on the 1–5 scale. */
const DIFFERENCE_BANDS = [
  { className: styles.below2, label: "0.3 or more below", test: (d: number) => d <= -0.3 },
  { className: styles.below1, label: "0.1 to 0.3 below", test: (d: number) => d <= -0.1 },
  { className: styles.level, label: "within 0.1", test: (d: number) => d < 0.1 },
  { className: styles.above1, label: "0.1 to 0.3 above", test: (d: number) => d < 0.3 },
  { className: styles.above2, label: "0.3 or more above", test: () => true },
];

const bandFor = (difference: number) => DIFFERENCE_BANDS.find((band) => band.test(difference))!;

function signed(difference: number): string {
  const rounded = Number(difference.toFixed(1));
  if (rounded === 0) return "±0.0";
  return `${rounded > 0 ? "+" : "−"}${Math.abs(rounded).toFixed(1)}`;
}

export function OrganisationOverview({ cycleId }: { cycleId?: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.organisation.overview.queryOptions(cycleId ? { cycleId } : {}));
  return (
    <QueryState query={query} what="the organisation's results">
      {(view) =>
        view.cycle ? (
          <>
            {view.cycles.length > 1 && <CycleSwitcher view={view} />}
            <DepartmentHeatmap view={view} />
            <Movers view={view} />
            <ResponseRates view={view} />
          </>
        ) : (
          <p className="empty">
            Nothing is published yet. Once a feedback cycle is published, its results across the organisation appear
            here. <Link href="/cycles">Go to feedback cycles</Link>
          </p>
        )
      }
    </QueryState>
  );
}

function CycleSwitcher({ view }: { view: Overview }) {
  return (
    <nav aria-label="Published cycles" className="cycle-switcher">
      <ul>
        {view.cycles.map((c) => (
          <li key={c.id}>
            <Link href={`/organisation?cycle=${c.id}`} aria-current={c.id === view.cycle!.id ? "page" : undefined}>
              {c.name}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function DepartmentHeatmap({ view }: { view: Overview }) {
  const cycle = view.cycle!;
  const k = cycle.minGroupSize;
  const shown = view.departments.filter((d) => d.shown);
  const hidden = view.departments.filter((d) => !d.shown);
  return (
    <section className="card" aria-labelledby="departments-heading">
      <h2 id="departments-heading">Departments in {cycle.name}</h2>
      <p className="muted">
        Each cell is the average of the department&apos;s people&apos;s published results from peers and direct reports
        (each shrunk toward the organisation&apos;s average where few answered), on a 1–5 scale, and below it the
        difference from the whole organisation. A department is shown only when at least {k} of its people have
        published results, and so do the rest of the organisation.
      </p>
      <p className="small strong">Colour: difference from the organisation</p>
      <ul className={styles.legend} aria-label="Colour scale">
        {DIFFERENCE_BANDS.map((band) => (
          <li key={band.label}>
            <span className={`${styles.swatch} ${band.className}`} aria-hidden="true" />
            {band.label}
          </li>
        ))}
        <li>
          <span className={`${styles.swatch} heat-hidden`} aria-hidden="true" />
          hidden: fewer than {k} of the department&apos;s people have a figure
        </li>
      </ul>
      <p className="small muted heatmap-scroll-hint">Scroll the table sideways to see every competency.</p>
      <div className="heatmap-scroll" role="region" aria-labelledby="departments-caption" tabIndex={0}>
        <table className="heatmap">
          <caption id="departments-caption" className="visually-hidden">
            {cycle.name}: average published results by department and competency
          </caption>
          <thead>
            <tr>
              <th scope="col" className="heatmap-person">
                Department
              </th>
              {view.axes.map((axis) => (
                <th
                  scope="col"
                  key={axis.id}
                  className={`heatmap-axis${axis.kind === "visibility" ? " heatmap-apart" : ""}`}
                >
                  {axis.name}
                  {axis.kind === "visibility" && <span className="heatmap-note"> not a competency</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row" className="heatmap-person">
                <span className="strong">Whole organisation</span>
                <span className="muted small block">
                  {plural(
                    view.departments.reduce((s, d) => s + d.people, 0),
                    "person",
                    "people",
                  )}
                </span>
              </th>
              {view.axes.map((axis) => {
                const mean = view.organisation[axis.id];
                return (
                  <td
                    key={axis.id}
                    className={`heat ${styles.level}${axis.kind === "visibility" ? " heatmap-apart" : ""}`}
                  >
                    {mean === undefined ? "—" : formatMean(mean)}
                  </td>
                );
              })}
            </tr>
            {shown.map((department) => (
              <tr key={department.department}>
                <th scope="row" className="heatmap-person">
                  <span className="strong">{department.department}</span>
                  <span className="muted small block">{plural(department.people, "person", "people")}</span>
                </th>
                {view.axes.map((axis) => {
                  const cell = department.cells[axis.id];
                  const apart = axis.kind === "visibility" ? " heatmap-apart" : "";
                  if (!cell || !cell.shown) {
                    return (
                      <td key={axis.id} className={`heat heat-hidden${apart}`}>
                        hidden
                        <span className="heat-sub">
                          {cell?.people ?? 0} of {k}
                        </span>
                      </td>
                    );
                  }
                  const organisation = view.organisation[axis.id];
                  const difference = organisation === undefined ? 0 : cell.mean - organisation;
                  return (
                    // Visibility is not better when higher: it gets no colour, only its figures.
                    <td
                      key={axis.id}
                      className={`heat ${axis.kind === "visibility" ? styles.level : bandFor(difference).className}${apart}`}
                    >
                      {formatMean(cell.mean)}
                      <span className={styles.difference}>
                        <span className="visually-hidden">difference from the organisation: </span>
                        {signed(difference)}
                      </span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hidden.length > 0 && (
        <div>
          <h3 className="report-subheading">Not shown</h3>
          <ul className="plain-list">
            {hidden.map((department) => (
              <li key={department.department}>
                <span className="strong">{department.department}</span>: {department.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function MoverRow({ mover, cycleId }: { mover: Mover; cycleId: string }) {
  return (
    <tr>
      <th scope="row">
        <Link href={`/finder/${mover.id}?cycle=${cycleId}`} className="strong">
          {mover.name}
        </Link>
        <span className="muted small block">
          {mover.title} · {mover.department}
        </span>
      </th>
      <td data-label="Before">{formatMean(mover.before)}</td>
      <td data-label="Now">
        {formatMean(mover.now)}{" "}
        <span className="muted small">
          (range {formatMean(mover.ciLow)}–{formatMean(mover.ciHigh)})
        </span>
      </td>
      <td data-label="Change">
        {mover.now > mover.before ? "up" : "down"} {formatMean(Math.abs(mover.now - mover.before))}
      </td>
    </tr>
  );
}

function MoverTable({ movers, caption, cycleId }: { movers: Mover[]; caption: string; cycleId: string }) {
  return (
    <div className="table-scroll">
      <table className="table table-stack">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Before</th>
            <th scope="col">Now</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {movers.map((mover) => (
            <MoverRow key={mover.id} mover={mover} cycleId={cycleId} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Movers({ view }: { view: Overview }) {
  const { previous, rose, fell } = view.movers;
  const cycle = view.cycle!;
  return (
    <section className="card" aria-labelledby="movers-heading">
      <h2 id="movers-heading">Who moved since the previous cycle</h2>
      {!previous ? (
        <p className="muted">There is no earlier published cycle to compare {cycle.name} with.</p>
      ) : (
        <>
          <p className="muted">
            Competence (the average of the five competencies, from peers and direct reports) in {previous.name} against{" "}
            {cycle.name}. Listed only where the earlier figure lies outside this cycle&apos;s 90 % range: changes inside
            it may be chance. Even so, about one person in ten crosses a 90 % range by chance alone, so treat a move as
            a question for a conversation, not a verdict. Opening a person&apos;s evidence is recorded in the audit log.
          </p>
          <h3 className="report-subheading">Rose ({rose.length})</h3>
          {rose.length === 0 ? (
            <p className="muted">Nobody rose by more than chance explains.</p>
          ) : (
            <MoverTable
              movers={rose}
              caption={`People whose competence rose since ${previous.name}`}
              cycleId={cycle.id}
            />
          )}
          <h3 className="report-subheading">Fell ({fell.length})</h3>
          {fell.length === 0 ? (
            <p className="muted">Nobody fell by more than chance explains.</p>
          ) : (
            <MoverTable
              movers={fell}
              caption={`People whose competence fell since ${previous.name}`}
              cycleId={cycle.id}
            />
          )}
        </>
      )}
    </section>
  );
}

function ResponseRates({ view }: { view: Overview }) {
  const cycle = view.cycle!;
  return (
    <section className="card" aria-labelledby="rates-heading">
      <h2 id="rates-heading">Response rates in {cycle.name}</h2>
      <p className="muted">
        Feedback requests about each department&apos;s people, and how many were answered. Counts only, never who.
      </p>
      <div className="table-scroll">
        <table className="table table-stack">
          <caption className="visually-hidden">Response rates by department</caption>
          <thead>
            <tr>
              <th scope="col">Department</th>
              <th scope="col">People reviewed</th>
              <th scope="col">Answered</th>
              <th scope="col">Declined</th>
            </tr>
          </thead>
          <tbody>
            {view.responseRates.map((rate) => (
              <tr key={rate.department}>
                <th scope="row" className="strong">
                  {rate.department}
                </th>
                <td data-label="People reviewed">{rate.participants}</td>
                <td data-label="Answered">
                  <ProgressBar
                    value={rate.submitted}
                    max={rate.total}
                    label={`${rate.department}: requests answered`}
                  />
                </td>
                <td data-label="Declined">
                  {rate.declined} ({percent(rate.declined, rate.total)}%)
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
