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
} from "recharts";
import { competenceText, formatMean, QUADRANT_MARKS, QUADRANT_NAMES, QUADRANTS, type Quadrant } from "./figures";
import styles from "./finder.module.css";
import type { FinderPerson } from "./types";

export interface ScatterProps {
  people: FinderPerson[];
  medians: { competence: number; visibility: number };
  /** Shortlist rank by person id: the chart numbers the first few, as the shortlist does. */
  ranks: Map<string, number>;
  /** The person whose row has focus or the pointer in a table below: ringed and named on the chart. */
  highlightId: string | null;
  onOpen: (personId: string) => void;
}

/** How many of the shortlist carry their rank on the chart; more would crowd it. */
const NUMBERED = 10;

/** A domain around the data (and the medians) in half points, so the points spread over the chart. */
function domainOf(values: number[]): [number, number] {
  const low = Math.max(1, Math.floor((Math.min(...values) - 0.1) * 2) / 2);
  const high = Math.min(5, Math.ceil((Math.max(...values) + 0.1) * 2) / 2);
  return [low, high];
}

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
        const firstY = top ? area.y + pad + LABEL_SIZE : area.y + area.height - pad - (lines.length - 1) * (LABEL_SIZE + 2);
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

function Details({ active, payload, ranks }: { active?: boolean; payload?: readonly { payload?: FinderPerson }[]; ranks: Map<string, number> }) {
  const person = payload?.[0]?.payload;
  if (!active || !person) return null;
  const rank = ranks.get(person.id);
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
 * medians as dashed lines and the quadrants named in their corners. Drawn in
 * the browser only; the table of everyone in the view carries the same data.
 */
export default function FinderScatter({ people, medians, ranks, highlightId, onOpen }: ScatterProps) {
  const xDomain = domainOf([...people.map((p) => p.visibility), medians.visibility]);
  const yDomain = domainOf([...people.map((p) => p.competence), medians.competence]);
  const highlighted = people.find((p) => p.id === highlightId);
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
        <XAxis dataKey="visibility" name="Visibility" {...scaleAxis(xDomain)} />
        <YAxis dataKey="competence" name="Competence" {...scaleAxis(yDomain)} width={36} />
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
            shape={(props: PointShape) => <Mark {...props} rank={props.payload ? ranks.get(props.payload.id) : undefined} />}
            onClick={(point: { payload?: FinderPerson }) => {
              if (point.payload) onOpen(point.payload.id);
            }}
          />
        ))}
        {highlighted && <Highlight person={highlighted} />}
        <Tooltip content={<Details ranks={ranks} />} cursor={false} isAnimationActive={false} />
      </ScatterChart>
    </ResponsiveContainer>
  );
}
