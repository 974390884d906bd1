import { formatDay } from "@/lib/format";
import { relationshipLabel } from "../ui/labels";
import type { FeedbackFormData } from "./types";

/** Which cycle, in what role and by when; and, once the cycle has closed, that it takes no more answers. */
export function FormHeader({ form, heading }: { form: FeedbackFormData; heading: string }) {
  return (
    <>
      <div>
        <p className="muted small">
          {form.cycle.name} · {relationshipLabel[form.relationship]} · due {formatDay(form.cycle.closesOn)}
        </p>
        <h1>{heading}</h1>
        {form.relationship !== "self" && <p className="muted">{form.subject.title}</p>}
      </div>

      {form.cycle.status !== "collecting" && (
        <p className="notice notice-error" role="alert">
          {form.cycle.name} closed on {form.cycle.closedOn ?? form.cycle.closesOn} and no longer takes answers.
          {form.draft ? " Your draft is kept." : ""}
        </p>
      )}
    </>
  );
}
