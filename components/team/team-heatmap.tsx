"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/trpc/react";
import { plural } from "@/lib/format";
import { QueryState } from "../ui/query-state";
import { bandLabels, bandOf, formatMean } from "./scale";

/** People × axes: the others' shrunk mean, printed in each coloured cell so
 *  that nobody has to hover, or why the figure is hidden. */
export function TeamHeatmap({ cycleId }: { cycleId?: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.team.heatmap.queryOptions(cycleId ? { cycleId } : {}));
  return (
    <QueryState query={query} what="your team's results">
      {({ cycles, cycle, axes, people }) => {
        if (!cycle) {
          return (
            <p className="empty">
              No results are published for your team yet. Once HR publishes a feedback cycle, each person&apos;s results
              appear here.
            </p>
          );
        }
        const k = cycle.minGroupSize;
        const competencies = axes.filter((a) => a.kind === "competency");
        const visibility = axes.filter((a) => a.kind === "visibility");
        return (
          <section className="card" aria-labelledby="heatmap-heading">
            <div className="row-between">
              <h2 id="heatmap-heading">{cycle.name}</h2>
              {cycles.length > 1 && (
                <nav aria-label="Published cycles" className="cycle-switcher">
                  <ul>
                    {cycles.map((c) => (
                      <li key={c.id}>
                        <Link href={`/team?cycle=${c.id}`} aria-current={c.id === cycle.id ? "page" : undefined}>
                          {c.name}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </nav>
              )}
            </div>
            <p className="muted">
              Each number is what peers and direct reports said, on a 1–5 scale, pulled toward the organisation&apos;s
              average where few people answered. Select a name for that person&apos;s full profile.
            </p>
            <HeatmapLegend k={k} />
            <p className="small muted heatmap-scroll-hint">Scroll the table sideways to see every competency.</p>
            <div className="heatmap-scroll" role="region" aria-labelledby="heatmap-caption" tabIndex={0}>
              <table className="heatmap">
                <caption id="heatmap-caption" className="visually-hidden">
                  {cycle.name}: results of everyone in your reporting line, by competency
                </caption>
                <thead>
                  <tr>
                    <th scope="col" className="heatmap-person">
                      Person
                    </th>
                    {competencies.map((a) => (
                      <th scope="col" key={a.id} className="heatmap-axis">
                        {a.name}
                      </th>
                    ))}
                    {visibility.map((a) => (
                      <th scope="col" key={a.id} className="heatmap-axis heatmap-apart">
                        {a.name} <span className="heatmap-note">not a competency</span>
                      </th>
                    ))}
                    <th scope="col" className="heatmap-coverage heatmap-apart">
                      Coverage
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {people.map((person) => (
                    <tr key={person.id}>
                      <th scope="row" className="heatmap-person">
                        {person.inCycle ? (
                          <Link href={`/team/${person.id}?cycle=${cycle.id}`} className="strong">
                            {person.name}
                          </Link>
                        ) : (
                          <span className="strong">{person.name}</span>
                        )}
                        <span className="muted small block">{person.title}</span>
                        <span className="muted small block">
                          {person.depth === 1 ? "Direct report" : `Reports to ${person.managerName ?? "someone"}`}
                        </span>
                      </th>
                      {person.inCycle ? (
                        axes.map((a) => {
                          const cell = person.cells[a.id];
                          const apart = a.kind === "visibility" ? " heatmap-apart" : "";
                          if (!cell) {
                            return (
                              <td key={a.id} className={`heat heat-none${apart}`}>
                                —
                              </td>
                            );
                          }
                          if (cell.suppressed) {
                            return (
                              <td key={a.id} className={`heat heat-hidden${apart}`}>
                                hidden
                                <span className="heat-sub">
                                  {cell.n} of {cell.k}
                                </span>
                              </td>
                            );
                          }
                          return (
                            <td key={a.id} className={`heat heat-${bandOf(cell.shrunkMean)}${apart}`}>
                              {formatMean(cell.shrunkMean)}
                            </td>
                          );
                        })
                      ) : (
                        <td colSpan={axes.length} className="heat heat-none">
                          not in this cycle
                        </td>
                      )}
                      <td className="heatmap-coverage heatmap-apart">
                        <span className="strong">{person.coverage.anonymous}</span> anonymous
                        <span className="block small muted">self: {person.coverage.self > 0 ? "answered" : "no"}</span>
                        <span className="block small muted">
                          manager: {person.coverage.manager > 0 ? "answered" : "no"}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="muted small">
              {plural(people.length, "person", "people")} in your reporting line. Coverage counts answers, never who
              gave them.
            </p>
          </section>
        );
      }}
    </QueryState>
  );
}

/** The colour bands, what a hidden cell means, and why visibility is grey. */
export function HeatmapLegend({ k, hiddenNote }: { k: number; hiddenNote?: string }) {
  return (
    <div className="heatmap-legend">
      <p className="small strong">Colour scale (others&apos; average)</p>
      <ul aria-label="Colour scale">
        {bandLabels().map((label, band) => (
          <li key={label}>
            <span className={`heat-swatch heat-${band}`} aria-hidden="true" />
            {label}
          </li>
        ))}
      </ul>
      <p className="small heatmap-hidden-note">
        <span className="heat-swatch heat-hidden" aria-hidden="true" />
        {hiddenNote ??
          `hidden: fewer than ${k} anonymous responses (the cell shows how many answered of the ${k} needed)`}
      </p>
      <p className="small">
        <span className="heat-swatch heat-3 heatmap-apart" aria-hidden="true" /> Visibility &amp; volume is shaded in
        grey, on the same bands: it is not a competency, and more visible is not better.
      </p>
    </div>
  );
}
