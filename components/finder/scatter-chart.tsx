"use client";

import {
  CartesianGrid,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Symbols,
  Tooltip,
  XAxis,
  YAxis,
  useCartesianScale,
  useChartHeight,
  usePlotArea,
  useXAxisScale,
  useYAxisScale,
} from "recharts";
import { competenceText, formatMean, QUADRANT_MARKS, QUADRANT_NAMES, QUADRANTS, type Quadrant } from "./figures";
import styles from "./finder.module.css";
import type { FinderChart, FinderPerson } from "./types";

export interface ScatterProps {
  chart: FinderChart;
  medians: { competence: number; visibility: number };
  /** The person whose row has focus or the pointer in a table below: ringed and named on the chart. */
  highlight: FinderPerson | null;
  onOpen: (personId: string) => void;
}

/** How many of the shortlist carry their rank on the chart; more would crowd it. */
const NUMBERED = 10;

/** The density grid's ink: one dark blue, lighter where fewer people are. */
const DENSITY_COLOUR = "#1f4e79";

function ticksOf([low, high]: [number, number]): number[] {
  const ticks: number[] = [];
  for (let t = low; t <= high + 1e-9; t += 0.5) ticks.push(Math.round(t * 2) / 2);
  return ticks;
}

/** A 1–5 scale axis over a part of the range, ticked every half point. */
function scaleAxis(domain: [number, number]) {
  return {
    type: "number" as const,
    domain,
    ticks: ticksOf(domain),
    tickFormatter: (v: number) => v.toFixed(1),
    tick: { fontSize: 12, fill: "#4b5565" },
  };
}

/** Splits a name into lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(" ")) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

const LABEL_SIZE = 13;
const CHAR_WIDTH = LABEL_SIZE * 0.58;

/** The four quadrant names written in the corners of the plot, so the chart reads without hovering. */
function QuadrantNames({ medians }: { medians: ScatterProps["medians"] }) {
  const area = usePlotArea();
  const x = useXAxisScale();
  if (!area || !x) return null;
  const midX = Number(x(medians.visibility));
  const pad = 8;
  const corners: { quadrant: Quadrant; left: boolean; top: boolean }[] = [
    { quadrant: "quiet_influencer", left: true, top: true },
    { quadrant: "visible_leader", left: false, top: true },
    { quadrant: "visible_not_leading", left: false, top: false },
    { quadrant: "developing", left: true, top: false },
  ];
  return (
    <g className={styles.quadrantNames} aria-hidden="true">
      {corners.map(({ quadrant, left, top }) => {
        const room = (left ? midX - area.x : area.x + area.width - midX) - 2 * pad;
        const lines = wrap(QUADRANT_NAMES[quadrant], Math.max(6, Math.floor(room / CHAR_WIDTH)));
        const tx = left ? area.x + pad : area.x + area.width - pad;
        const firstY = top
          ? area.y + pad + LABEL_SIZE
          : area.y + area.height - pad - (lines.length - 1) * (LABEL_SIZE + 2);
        return (
          <text
            key={quadrant}
            x={tx}
            y={firstY}
            textAnchor={left ? "start" : "end"}
            fontSize={LABEL_SIZE}
            fontWeight={700}
            fill={QUADRANT_MARKS[quadrant].colour}
          >
            {lines.map((line, index) => (
              <tspan key={index} x={tx} dy={index === 0 ? 0 : LABEL_SIZE + 2}>
                {line}
              </tspan>
            ))}
          </text>
        );
      })}
    </g>
  );
}

/** The axes' titles, shorter on a narrow chart so that they are never cut off. */
function AxisTitles() {
  const area = usePlotArea();
  const height = useChartHeight();
  if (!area || height === undefined) return null;
  const narrow = area.width < 420;
  const y = area.y + area.height / 2;
  return (
    <g className={styles.axisTitles} aria-hidden="true">
      <text x={area.x + area.width / 2} y={height - 6} textAnchor="middle">
        {narrow ? "Visibility & volume →" : "Visibility & volume: how much they are seen and heard →"}
      </text>
      <text x={14} y={y} textAnchor="middle" transform={`rotate(-90 14 ${y})`}>
        {narrow ? "Competence →" : "Competence: what peers and reports said →"}
      </text>
    </g>
  );
}

/** A ring and the name around the person highlighted from the tables. */
function Highlight({ person }: { person: FinderPerson }) {
  const at = useCartesianScale({ x: person.visibility, y: person.competence });
  const area = usePlotArea();
  if (!at || !area) return null;
  const right = at.x < area.x + area.width / 2;
  // A white tag with a border, so that the name reads over other marks.
  const width = person.name.length * 7.6 + 14;
  const left = right ? at.x + 17 : at.x - 17 - width;
  return (
    <g className={styles.highlight} aria-hidden="true">
      <circle cx={at.x} cy={at.y} r={13} fill="none" stroke="#1c2433" strokeWidth={2.5} />
      <rect x={left} y={at.y - 12} width={width} height={24} rx={5} fill="#ffffff" stroke="#1c2433" />
      <text x={left + 7} y={at.y + 4.5} fontSize={13} fontWeight={700}>
        {person.name}
      </text>
    </g>
  );
}

interface PointShape {
  cx?: number;
  cy?: number;
  payload?: FinderPerson;
}

type DensityChart = Extract<FinderChart, { kind: "density" }>;

/** The density grid: one square per occupied cell, darker the more people it holds; each names its count on hover. */
function DensityCells({ chart }: { chart: DensityChart }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  if (!x || !y) return null;
  const most = Math.max(...chart.cells.map((c) => c.people));
  const [cFrom, cTo] = chart.competence;
  const [vFrom, vTo] = chart.visibility;
  const cStep = (cTo - cFrom) / chart.bins;
  const vStep = (vTo - vFrom) / chart.bins;
  return (
    <g aria-hidden="true">
      {chart.cells.map((cell) => {
        const left = Number(x(vFrom + cell.visibility * vStep));
        const right = Number(x(vFrom + (cell.visibility + 1) * vStep));
        const top = Number(y(cFrom + (cell.competence + 1) * cStep));
        const bottom = Number(y(cFrom + cell.competence * cStep));
        const range = (from: number, step: number, index: number) =>
          `${formatMean(from + index * step)}–${formatMean(from + (index + 1) * step)}`;
        return (
          <rect
            key={`${cell.competence}:${cell.visibility}`}
            x={left}
            y={top}
            width={Math.max(1, right - left)}
            height={Math.max(1, bottom - top)}
            fill={DENSITY_COLOUR}
            // Square root: a cell of 4 reads twice as dark as a cell of 1, so the sparse edges still show.
            fillOpacity={0.1 + 0.85 * Math.sqrt(cell.people / most)}
          >
            <title>
              {`${cell.people.toLocaleString("en")} ${cell.people === 1 ? "person" : "people"}: competence ${range(cFrom, cStep, cell.competence)}, visibility ${range(vFrom, vStep, cell.visibility)}`}
            </title>
          </rect>
        );
      })}
    </g>
  );
}

function Mark({ cx, cy, payload, rank }: PointShape & { rank: number | undefined }) {
  if (cx === undefined || cy === undefined || !payload) return <g />;
  const mark = QUADRANT_MARKS[payload.quadrant];
  const quiet = payload.quadrant === "quiet_influencer";
  return (
    <g className={styles.point}>
      <Symbols
        cx={cx}
        cy={cy}
        type={mark.shape}
        size={quiet ? 130 : 70}
        fill={mark.hollow ? "#ffffff" : mark.colour}
        stroke={mark.hollow ? mark.colour : "#ffffff"}
        strokeWidth={mark.hollow ? 2 : 1}
      />
      {rank !== undefined && rank <= NUMBERED && (
        <text x={cx + 8} y={cy - 7} fontSize={11} fontWeight={700} className={styles.rank}>
          {rank}
        </text>
      )}
    </g>
  );
}

function Details({ active, payload }: { active?: boolean; payload?: readonly { payload?: FinderPerson }[] }) {
  const person = payload?.[0]?.payload;
  if (!active || !person) return null;
  const rank = person.rank ?? undefined;
  return (
    <div className={styles.tooltip}>
      <p className="strong">{person.name}</p>
      <p className="small muted">
        {person.title} · {person.department}
      </p>
      <p className="small">Competence {competenceText(person)}</p>
      <p className="small">Visibility {formatMean(person.visibility)}</p>
      <p className="small">
        {QUADRANT_NAMES[person.quadrant]}
        {rank !== undefined && `, number ${rank} on the shortlist`} · {person.responses} anonymous responses
      </p>
      <p className="small muted">Click the mark for the evidence.</p>
    </div>
  );
}

/**
 * Competence (up) against visibility (across), with the organisation's
 * medians as dashed lines and the quadrants named in their corners: a mark
 * per person, or for a large view a density grid with the head of the
 * shortlist marked over it. Drawn in the browser only; the tables below
 * carry the same data.
 */
export default function FinderScatter({ chart, medians, highlight, onOpen }: ScatterProps) {
  const xDomain = chart.visibility;
  const yDomain = chart.competence;
  const people = chart.kind === "points" ? chart.people : chart.leaders;
  // Quiet influencers last, so that they are drawn on top where points overlap.
  const order = [...QUADRANTS].reverse();
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ScatterChart margin={{ top: 8, right: 12, bottom: 24, left: 22 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#e4e8ee" />
        <ReferenceArea
          x1={xDomain[0]}
          x2={medians.visibility}
          y1={medians.competence}
          y2={yDomain[1]}
          fill={QUADRANT_MARKS.quiet_influencer.colour}
          fillOpacity={0.07}
          ifOverflow="hidden"
        />
        <XAxis dataKey="visibility" name="Visibility" {...scaleAxis(xDomain)} allowDataOverflow />
        <YAxis dataKey="competence" name="Competence" {...scaleAxis(yDomain)} width={36} allowDataOverflow />
        {chart.kind === "density" && <DensityCells chart={chart} />}
        <ReferenceLine x={medians.visibility} stroke="#4b5565" strokeDasharray="5 4" />
        <ReferenceLine y={medians.competence} stroke="#4b5565" strokeDasharray="5 4" />
        <QuadrantNames medians={medians} />
        <AxisTitles />
        {order.map((quadrant) => (
          <Scatter
            key={quadrant}
            name={QUADRANT_NAMES[quadrant]}
            data={people.filter((p) => p.quadrant === quadrant)}
            isAnimationActive={false}
            shape={(props: PointShape) => <Mark {...props} rank={props.payload?.rank ?? undefined} />}
            onClick={(point: { payload?: FinderPerson }) => {
              if (point.payload) onOpen(point.payload.id);
            }}
          />
        ))}
        {highlight && <Highlight person={highlight} />}
        <Tooltip content={<Details />} cursor={false} isAnimationActive={false} />
      </ScatterChart>
    </ResponsiveContainer>
  );
}
