"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";
import { publishedOn } from "../report/figure-format";
import { plural } from "@/lib/format";
import { QueryState } from "../ui/query-state";
import { EveryoneTable } from "./everyone-table";
import { formatMean, QUADRANT_HINTS, QUADRANT_MARKS, QUADRANT_NAMES, QUADRANTS, type Quadrant } from "./figures";
import { FinderFilters } from "./finder-filters";
import { evidenceHref, finderHref, type FinderAddress } from "./finder-url";
import styles from "./finder.module.css";
import { Shortlist } from "./shortlist";
import type { FinderPerson, FinderView } from "./types";

// recharts only on this page, and only in the browser: the tables below carry
// the same numbers and are what paints first.
const FinderScatter = dynamic(() => import("./scatter-chart"), {
  ssr: false,
  loading: () => <div className={styles.chartPlaceholder} aria-hidden="true" />,
});

export function FinderPage({ address }: { address: FinderAddress }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.finder.view.queryOptions({ cycleId: address.cycleId, filters: address.filters }));
  return (
    <div className="stack">
      <div>
        <h1>Quiet-influencer finder</h1>
        <p className="lead">
          Who peers and direct reports rate high on the five leadership competencies, set against how visible they are.
          The quiet influencers — strong, and seldom the loudest — make the shortlist.
        </p>
      </div>
      <QueryState query={query} what="the finder">
        {(view) =>
          view.cycle ? (
            <Finder view={view} cycle={view.cycle} pinnedCycleId={address.cycleId} />
          ) : (
            <div className="empty">
              <p>
                The finder needs a published cycle. Once a feedback cycle is closed and its reports are published,
                everyone with enough anonymous answers appears here.
              </p>
              <p>
                <Link href="/cycles">Go to the feedback cycles</Link>
              </p>
            </div>
          )
        }
      </QueryState>
    </div>
  );
}

function Finder({
  view,
  cycle,
  pinnedCycleId,
}: {
  view: FinderView;
  cycle: NonNullable<FinderView["cycle"]>;
  pinnedCycleId?: string;
}) {
  const [highlight, setHighlight] = useState<FinderPerson | null>(null);
  const address = { cycleId: cycle.id, filters: view.filters };
  const k = cycle.minGroupSize;
  // Lists start again at their first page in each view.
  const viewKey = `${cycle.id}|${JSON.stringify(view.filters)}`;
  return (
    <>
      <section className="card" aria-labelledby="view-heading">
        <h2 id="view-heading">
          {cycle.name} <span className="muted small">published {publishedOn(cycle.publishedAt)}</span>
        </h2>
        {/* A new key per view: the selects show the view's own filters after back and forward. */}
        <FinderFilters key={viewKey} view={view} pinnedCycleId={pinnedCycleId} />
        {view.withoutPool > 0 && (
          <p className="small muted">
            {plural(view.withoutPool, "person", "people")} in this cycle {view.withoutPool === 1 ? "is" : "are"} left
            out of the finder: fewer than {k} anonymous raters answered about them, so their figures stay hidden.
          </p>
        )}
      </section>
      {view.slice.shown ? (
        <>
          <ChartSection view={view} highlight={highlight} address={address} />
          <Shortlist
            key={`shortlist|${viewKey}`}
            firstPage={view.shortlist}
            address={address}
            onHighlight={setHighlight}
          />
          <EveryoneTable
            key={`everyone|${viewKey}`}
            total={view.slice.people}
            address={address}
            onHighlight={setHighlight}
          />
        </>
      ) : (
        <HiddenSlice reason={view.slice.reason} k={k} address={address} />
      )}
    </>
  );
}

/** A slice too small to show: the reason, and how to widen it. */
function HiddenSlice({
  reason,
  k,
  address,
}: {
  reason: string;
  k: number;
  address: FinderAddress & { cycleId: string };
}) {
  return (
    <section className="card" aria-labelledby="hidden-heading">
      <h2 id="hidden-heading">This view is too small to show</h2>
      <p className="notice">{reason}</p>
      <p>
        Any view of the organisation must hold at least {k} people, and must not differ from a broader view by fewer
        than {k}, so that nobody&apos;s figures can be singled out. Set one of the filters back to “Everyone”, or choose
        a larger group.
      </p>
      <p>
        <Link href={finderHref({ cycleId: address.cycleId, filters: {} })}>Show the whole organisation</Link>
      </p>
    </section>
  );
}

function ChartSection({
  view,
  highlight,
  address,
}: {
  view: FinderView;
  highlight: FinderPerson | null;
  address: FinderAddress & { cycleId: string };
}) {
  const router = useRouter();
  const { medians, chart } = view;
  if (!medians || !chart) return null;
  const filtered = Object.keys(view.filters).length > 0;
  const people = plural(view.slice.people, "person", "people");
  const density = chart.kind === "density";
  return (
    <section className="card" aria-labelledby="chart-heading">
      <h2 id="chart-heading">Competence against visibility</h2>
      <p className="muted">
        {density
          ? `Each shaded square holds the people whose figures fall in it, darker the more it holds; the stars are the first ${chart.leaders.length} of the shortlist.`
          : "Each mark is one person."}{" "}
        Up is what peers and direct reports said about the five competencies, right is how much they are seen and heard.
        The dashed lines split the {filtered ? "whole organisation" : "organisation"} at its medians
        {filtered ? ", so they stay put when you filter" : ""}. Numbers beside the stars are shortlist ranks.
      </p>
      <ul className={styles.legend} aria-label="Quadrants">
        {QUADRANTS.map((q) => (
          <li key={q}>
            <QuadrantKey quadrant={q} />
            <span>
              <span className="strong">{QUADRANT_NAMES[q]}</span> ({view.quadrants[q].toLocaleString("en")}){" "}
              <span className="muted">— {QUADRANT_HINTS[q]}</span>
            </span>
          </li>
        ))}
        <li>
          <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" className={styles.key}>
            <line x1="0" y1="9" x2="18" y2="9" stroke="#4b5565" strokeWidth="1.5" strokeDasharray="4 3" />
          </svg>
          <span>
            <span className="strong">Medians</span>{" "}
            <span className="muted">
              — competence {formatMean(medians.competence)}, visibility {formatMean(medians.visibility)}
            </span>
          </span>
        </li>
        {density && (
          <li>
            <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" className={styles.key}>
              <rect x="1" y="4" width="5" height="10" fill="#1f4e79" fillOpacity="0.15" />
              <rect x="6.5" y="4" width="5" height="10" fill="#1f4e79" fillOpacity="0.5" />
              <rect x="12" y="4" width="5" height="10" fill="#1f4e79" fillOpacity="0.95" />
            </svg>
            <span>
              <span className="strong">Shading</span>{" "}
              <span className="muted">— fewer to more people; point at a square for its count</span>
            </span>
          </li>
        )}
      </ul>
      <figure className={styles.chartFigure}>
        <div
          className={styles.chart}
          role="img"
          aria-label={
            density
              ? `Density chart of ${people}: competence against visibility, in four quadrants split at the medians, with the first ${chart.leaders.length} of the shortlist marked.`
              : `Scatter chart of ${people}: competence against visibility, in four quadrants split at the medians.`
          }
        >
          <FinderScatter
            chart={chart}
            medians={medians}
            highlight={highlight}
            onOpen={(id) => router.push(evidenceHref(id, address))}
          />
        </div>
        <figcaption className="small muted">
          {density ? "Point at a star" : "Point at a mark"} for the person&apos;s figures, click it for their evidence.
          The shortlist and the table “Everyone in this view” below carry the same data, and their names can be reached
          with the keyboard.
        </figcaption>
      </figure>
    </section>
  );
}

/** The shape and colour a quadrant is drawn with, as a small inline picture for the legend. */
function QuadrantKey({ quadrant }: { quadrant: Quadrant }) {
  const { colour, shape, hollow } = QUADRANT_MARKS[quadrant];
  const paint = hollow ? { fill: "#ffffff", stroke: colour, strokeWidth: 2 } : { fill: colour };
  return (
    <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" className={styles.key}>
      {shape === "circle" && <circle cx="9" cy="9" r="6" {...paint} />}
      {shape === "square" && <rect x="3.5" y="3.5" width="11" height="11" {...paint} />}
      {shape === "triangle" && <polygon points="9,2.5 15.5,14.5 2.5,14.5" {...paint} />}
      {shape === "star" && (
        <polygon points="9,1 11.1,6.3 16.6,6.5 12.3,10 13.8,15.5 9,12.3 4.2,15.5 5.7,10 1.4,6.5 6.9,6.3" {...paint} />
      )}
    </svg>
  );
}
