import { AccessRefused } from "../ui/access-refused";

/** What someone who is not an administrator sees on the outbox outside demo mode. */
export function OutboxNotAllowed() {
  return (
    <AccessRefused title="Only administrators can read the outbox">
      The outbox holds mail addressed to other people, so it is open to administrators only.
    </AccessRefused>
  );
}
