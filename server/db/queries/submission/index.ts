/**
 * A rater's side of a feedback request: opening the form, saving drafts,
 * submitting and declining. Every read and write names the rater in its WHERE
 * clause, so a request not addressed to them is simply not found.
 */
export { type DraftPage, type DraftSaved, NewerDraftRefusal, saveDraft, type SavedDraft } from "./draft";
export { type FormQuestion, type FormSection, type FormStatement, loadRequestForm, type RequestForm } from "./form";
export { declineRequest, submitAnswers, submitStatement, type SubmitOutcome } from "./submit";
