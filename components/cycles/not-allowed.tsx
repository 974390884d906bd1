import { AccessRefused } from "../ui/access-refused";

/** What someone without the HR role sees on an HR page (cycles by default). */
export function NotAllowed({ what = "manage feedback cycles" }: { what?: string }) {
  return (
    <AccessRefused title={`Only HR can ${what}`}>
      Your account does not have the HR role, so this page is closed to you. If your work needs it, ask an administrator
      to give you the HR role.
    </AccessRefused>
  );
}
