import { formatDay } from "@/lib/format";

/** Said beside every count of anonymous progress while a cycle collects
 *  (server/db/queries/progress.ts): the counts are a day's, on purpose. */
export function CountedDaily({ countedOn }: { countedOn: string }) {
  return (
    <p className="muted small">
      As of {formatDay(countedOn)}. Counts update once a day, so that nobody can tell when a colleague answered.
    </p>
  );
}
