import { toCsv } from "@/server/domain/csv";
import { IMPORT_COLUMNS, TEMPLATE_ROWS } from "@/server/domain/org-import";

/** The header and two example rows; it holds no one's data, so anyone may download it. */
export function GET() {
  return new Response(toCsv(IMPORT_COLUMNS, TEMPLATE_ROWS), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="org-chart-template.csv"',
    },
  });
}
