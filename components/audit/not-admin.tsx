import { AccessRefused } from "../ui/access-refused";

/** What someone who is not an administrator sees on the audit log. */
export function NotAdmin() {
  return (
    <AccessRefused title="Only administrators can read the audit log">
      The audit log records who opened whose evidence and who exported what. It is open to administrators only, so that
      it can be trusted as a check on everyone else.
    </AccessRefused>
  );
}
