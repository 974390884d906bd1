import { toCsv } from "./csv";
import type { FinderPerson, ShortlistExport, SliceFilters } from "../shapes/finder";

interface ExportView {
  cycle: { name: string } | null;
  filters: SliceFilters;
  /** In shortlist order. */
  shortlist: Omit<FinderPerson, "quadrant" | "rank">[];
}

export const SHORTLIST_COLUMNS = [
  "Rank",
  "Name",
  "Title",
  "Department",
  "Level",
  "Location",
  "Competence (shrunk, 1-5)",
  "Competence range low (90 %)",
  "Competence range high (90 %)",
  "Visibility (shrunk, 1-5)",
  "Anonymous responses",
  "Manager minus others",
  "Self-assessment",
] as const;

const round = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

const SELF = {
  blind_spot: "rates self higher than others",
  hidden_strength: "under-estimates self",
  in_line: "in line with others",
} as const;

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** The shortlist, in its order, as a spreadsheet a promotion panel can open. */
export function shortlistCsv(view: ExportView): ShortlistExport {
  const rows = view.shortlist.map((p, index) => {
    return [
      index + 1,
      p.name,
      p.title,
      p.department,
      p.level,
      p.location,
      round(p.competence),
      round(p.competenceLow),
      round(p.competenceHigh),
      round(p.visibility),
      p.responses,
      round(p.managerGap),
      p.selfAgreement ? SELF[p.selfAgreement] : null,
    ];
  });
  const parts = [
    "quiet-influencers",
    view.cycle ? slug(view.cycle.name) : null,
    view.filters.department ? slug(view.filters.department) : null,
    view.filters.level !== undefined ? `level-${view.filters.level}` : null,
    view.filters.location ? slug(view.filters.location) : null,
  ].filter(Boolean);
  return { filename: `${parts.join("-")}.csv`, csv: toCsv(SHORTLIST_COLUMNS, rows), rows: rows.length };
}
