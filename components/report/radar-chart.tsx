"use client";

import { Legend, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, ResponsiveContainer } from "recharts";

export interface RadarPoint {
  axis: string;
  you: number | null;
  others: number | null;
  organisation: number | null;
}

/** Splits a competency name into short lines so that it fits beside the chart on a phone. */
function wrapWords(text: string, width = 12): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

interface TickProps {
  x?: number | string;
  y?: number | string;
  cy?: number | string;
  textAnchor?: string;
  payload?: { value?: unknown };
}

function WrappedTick({ x = 0, y = 0, cy = 160, textAnchor = "middle", payload }: TickProps) {
  const lines = wrapWords(String(payload?.value ?? ""));
  const top = Number(y) < Number(cy) - 1;
  // Labels above the centre grow upwards, the others downwards, away from the web.
  const firstDy = top ? -(lines.length - 1) * 1.1 - 0.2 : 0.8;
  return (
    <text
      x={Number(x)}
      y={Number(y)}
      textAnchor={textAnchor as "start" | "middle" | "end"}
      fontSize={12}
      fill="#1c2433"
    >
      {lines.map((line, index) => (
        <tspan key={index} x={Number(x)} dy={`${index === 0 ? firstDy : 1.1}em`}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/** Self vs others vs the organisation on the five competencies. The same
 *  numbers are in the table below it, which is what screen readers read. */
export default function ReportRadarChart({ data }: { data: RadarPoint[] }) {
  // A series with no shown value at all is left out rather than drawn from nothing.
  const has = (key: "others" | "you") => data.some((d) => d[key] !== null && d[key] !== undefined);
  return (
    // The figure's CSS sets the height: larger on wide screens, never so small that labels collide.
    <ResponsiveContainer width="100%" height="100%">
      <RadarChart
        data={data}
        outerRadius="62%"
        margin={{ top: 12, right: 40, bottom: 0, left: 40 }}
        accessibilityLayer={false}
      >
        <PolarGrid />
        <PolarAngleAxis dataKey="axis" tick={(props: TickProps) => <WrappedTick {...props} />} />
        <PolarRadiusAxis
          domain={[1, 5]}
          tickCount={5}
          angle={54}
          axisLine={false}
          tick={{ fontSize: 10, fill: "#4b5565" }}
        />
        <Radar
          name="Organisation"
          dataKey="organisation"
          stroke="#6b7280"
          strokeDasharray="4 3"
          fill="#6b7280"
          fillOpacity={0.05}
          isAnimationActive={false}
        />
        {has("others") && (
          <Radar
            name="Others"
            dataKey="others"
            stroke="#0b6e69"
            fill="#0b6e69"
            fillOpacity={0.25}
            isAnimationActive={false}
          />
        )}
        {has("you") && (
          <Radar
            name="You"
            dataKey="you"
            stroke="#a3480b"
            fill="#a3480b"
            fillOpacity={0.08}
            isAnimationActive={false}
          />
        )}
        <Legend />
      </RadarChart>
    </ResponsiveContainer>
  );
}
