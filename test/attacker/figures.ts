/**
 * Published figures as the attacker's equations: a figure on a competency or
 * on visibility is the sum of its members' scores on that axis; the
 * composite is the sum of its members' scores over every competency (its
 * mean times n times the number of competencies, kept in whole numbers).
 */
import { COMPOSITE_AXIS, type AxesOfModel, type FigureSet } from "@/server/domain/disclosure";
import type { LinearFigure } from "./linear-system";

export function asLinearFigure(figure: Pick<FigureSet, "axis" | "members">, axes: AxesOfModel): LinearFigure {
  const weights = new Map<string, number>();
  for (const member of figure.members) {
    if (figure.axis === COMPOSITE_AXIS) for (const c of axes.competencies) weights.set(`${member}|${c}`, 1);
    else weights.set(`${member}|${figure.axis}`, 1);
  }
  return weights;
}

export function shownLinearFigures(figures: readonly FigureSet[], axes: AxesOfModel): LinearFigure[] {
  return figures.filter((f) => f.shown).map((f) => asLinearFigure(f, axes));
}
