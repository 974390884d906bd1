import { AccessRefused } from "../ui/access-refused";

/** What someone without the HR role sees on the finder's pages. */
export function NotHr() {
  return (
    <AccessRefused
      title="Only HR can use the quiet-influencer finder"
      next={{ href: "/report", label: "Go to my report" }}
    >
      The finder compares published feedback across the whole organisation, so it is open to the HR role only. Your own
      published feedback is in My report.
    </AccessRefused>
  );
}
