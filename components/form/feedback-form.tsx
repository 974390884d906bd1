"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { relationshipIsAnonymous } from "@/lib/vocabulary";
import { QueryState } from "../ui/query-state";
import { DeclineRequest } from "./decline-request";
import { FormHeader } from "./form-header";
import { FormIntro } from "./form-intro";
import { DeclinedNotice, SubmittedThanks } from "./form-outcome";
import { FormProgress } from "./form-progress";
import { NewerAnswersNotice } from "./newer-answers-notice";
import { OpenQuestions } from "./open-questions";
import { StatementSection } from "./statement-section";
import { SubmitArea } from "./submit-area";
import type { FeedbackFormData } from "./types";
import { useFeedbackForm } from "./use-feedback-form";

export function FeedbackFormPage({ assignmentId }: { assignmentId: string }) {
  const trpc = useTRPC();
  // Never refetched behind the form's back: a visit opens on the server's
  // prefetch of that visit (app/requests/[assignmentId]/page.tsx), every save
  // writes what it stored into this cache, and the form takes a newer stored
  // draft until the person changes something (useFormAnswers). A save from
  // answers older than the stored ones is refused by the server.
  const query = useQuery(
    trpc.requests.form.queryOptions({ assignmentId }, { staleTime: Infinity, refetchOnWindowFocus: false }),
  );
  return (
    <QueryState query={query} what="this feedback request">
      {(form) => <FeedbackForm form={form} />}
    </QueryState>
  );
}

/** The rater's form, one section a file; what it does (drafts, conflicts, submit and retry) is useFeedbackForm. */
function FeedbackForm({ form }: { form: FeedbackFormData }) {
  const f = useFeedbackForm(form);
  const isSelf = form.relationship === "self";
  const anonymous = relationshipIsAnonymous[form.relationship];
  const who = isSelf ? "your self-review" : form.subject.name;

  if (f.submitted) return <SubmittedThanks who={who} anonymous={anonymous} />;
  if (form.status === "declined") return <DeclinedNotice subjectName={form.subject.name} cycleName={form.cycle.name} />;

  const heading = isSelf ? "Your self-review" : `Feedback for ${form.subject.name}`;
  return (
    <div className="form-page stack">
      <FormHeader form={form} heading={heading} />

      <FormIntro
        relationship={form.relationship}
        subjectName={form.subject.name}
        minGroupSize={form.cycle.minGroupSize}
        started={f.started}
        onStart={f.start}
      />

      {f.started && (
        <form onSubmit={f.handleSubmit} noValidate className="stack" aria-label={heading}>
          <FormProgress answered={f.answered} total={f.statements.length} saveState={f.saveState} />

          {f.conflict && (
            <NewerAnswersNotice
              newer={f.conflict.newer}
              answeredHere={f.answered}
              answeredThere={f.conflict.answeredThere}
              onLoadNewer={f.loadNewer}
              onKeepMine={f.keepMine}
            />
          )}

          {form.sections.map((section) => (
            <StatementSection
              key={section.key}
              section={section}
              firstNumber={f.statements.findIndex((s) => s.id === section.statements[0]?.id) + 1}
              ratings={f.answers.ratings}
              showMissing={f.showMissing}
              onRate={f.rate}
            />
          ))}

          {form.questions.length > 0 && (
            <OpenQuestions
              questions={form.questions}
              comments={f.answers.comments}
              isSelf={isSelf}
              anonymous={anonymous}
              minGroupSize={form.cycle.minGroupSize}
              onWrite={f.write}
            />
          )}

          <SubmitArea
            statements={f.statements}
            missing={f.missing}
            showMissing={f.showMissing}
            submit={f.submit}
            open={f.open}
          />
        </form>
      )}

      {f.open && !isSelf && form.relationship !== "manager" && (
        <DeclineRequest assignmentId={form.assignmentId} subjectName={who} />
      )}
    </div>
  );
}
