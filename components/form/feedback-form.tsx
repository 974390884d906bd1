"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { AppRouter } from "@/server/api/root";
import { type Answers, type RatingAnswer, sameAnswers } from "@/server/domain/answers";
import { keepaliveClient } from "@/trpc/keepalive";
import { useTRPC } from "@/trpc/react";
import { formatDay, plural } from "../ui/format";
import { relationshipLabel } from "../ui/labels";
import { ProgressBar } from "../ui/progress-bar";
import { QueryState } from "../ui/query-state";
import { DeclineRequest } from "./decline-request";
import { FormIntro } from "./form-intro";
import { RatingScale } from "./rating-scale";
import { SaveStatus } from "./save-status";
import { setAsideAnswers, setAsideSnapshot, writeSetAside } from "./set-aside";
import { retryDelaySeconds } from "./submit-retry";
import { type SaveOutcome, type SaveTransport, type StoredDraft, useDraftAutosave } from "./use-draft-autosave";

export function FeedbackFormPage({ assignmentId }: { assignmentId: string }) {
  const trpc = useTRPC();
  // Never refetched behind the form's back: a visit opens on the server's
  // prefetch of that visit (app/requests/[assignmentId]/page.tsx), every save
  // writes what it stored into this cache, and the form takes a newer stored
  // draft until the person changes something (FeedbackForm). A save from
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

type Form = inferRouterOutputs<AppRouter>["requests"]["form"];

const emptyAnswers: Answers = { ratings: {}, comments: {} };

function storedDraftOf(form: Form): StoredDraft<Answers> {
  return { value: form.draft ?? emptyAnswers, savedAt: form.draftSavedAt, version: form.draftVersion };
}

/** The draft saved since from elsewhere, when the server refused a save for it. */
function newerDraftIn(error: unknown) {
  return error instanceof TRPCClientError ? ((error as TRPCClientError<AppRouter>).data?.newerDraft ?? null) : null;
}

/** Session storage tells nobody when it changes in this tab; the form reads it once it is in the browser. */
const noSubscription = () => () => {};

function FeedbackForm({ form }: { form: Form }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  /** The stored draft the answers on the page started from. */
  const [basis, setBasis] = useState(() => storedDraftOf(form));
  const [answers, setAnswers] = useState<Answers>(basis.value);
  const [edited, setEdited] = useState(false);
  const [started, setStarted] = useState(form.draft !== null);
  const [showMissing, setShowMissing] = useState(false);
  const [submitted, setSubmitted] = useState(form.status === "submitted");
  const open = form.cycle.status === "collecting" && !submitted && form.status !== "declined";

  // The form can first render from a cached copy a moment before a newer one
  // arrives: the server's copy for this visit is put in the cache only after
  // the first render, and a save sent on leaving the page may land after
  // coming back. Until the person changes something, show the newest draft.
  if (!edited && !submitted && form.draftVersion > basis.version) {
    const newer = storedDraftOf(form);
    setBasis(newer);
    setAnswers(newer.value);
    if (form.draft) setStarted(true);
  }

  /** Puts a save into the cache, so that coming back to the form opens on it. */
  const rememberSaved = useCallback(
    (saved: Answers, { savedAt, version }: { savedAt: Date; version: number }) => {
      queryClient.setQueryData(trpc.requests.form.queryKey({ assignmentId: form.assignmentId }), (cached) =>
        cached && cached.draftVersion < version
          ? { ...cached, status: "in_progress" as const, draft: saved, draftSavedAt: savedAt, draftVersion: version }
          : cached,
      );
      // The home page lists the request as "Draft saved".
      void queryClient.invalidateQueries(trpc.inbox.pathFilter());
    },
    [queryClient, trpc, form.assignmentId],
  );
  // Kept in the mutation's own options, not mutate()'s: they run even when the
  // save finishes after the form is gone (sent on leaving the page).
  const saveDraft = useMutation(
    trpc.requests.saveDraft.mutationOptions({ onSuccess: (saved, input) => rememberSaved(input.answers, saved) }),
  );
  const { mutateAsync: sendDraft } = saveDraft;
  const save = useCallback(
    async (value: Answers, basedOnVersion: number, transport: SaveTransport): Promise<SaveOutcome<Answers>> => {
      const input = { assignmentId: form.assignmentId, answers: value, basedOnVersion };
      try {
        if (transport === "page") return { kind: "saved", ...(await sendDraft(input)) };
        const saved = await keepaliveClient.requests.saveDraft.mutate(input);
        rememberSaved(value, saved);
        return { kind: "saved", ...saved };
      } catch (error) {
        const newer = newerDraftIn(error);
        if (!newer) throw error;
        // The newer draft can be these very answers: a save from this page
        // that was stored although its answer never arrived.
        if (sameAnswers(newer.answers, value)) return { kind: "saved", savedAt: newer.savedAt, version: newer.version };
        return { kind: "newer", newer: { value: newer.answers, savedAt: newer.savedAt, version: newer.version } };
      }
    },
    [form.assignmentId, sendDraft, rememberSaved],
  );
  // A submit the server could not take (down, restarting, busy, silent past the
  // client's time limit) is tried again by itself. One that was stored although
  // its answer never arrived is answered "submitted" on the retry (submitAnswers).
  const [retry, setRetry] = useState<{ attempt: number; at: number; answers: Answers } | null>(null);
  const submit = useMutation(
    trpc.requests.submit.mutationOptions({
      onSuccess: () => {
        setRetry(null);
        autosave.stop();
        setSubmitted(true);
        // The draft is gone with the submit: coming back must not open a form on it.
        queryClient.setQueryData(
          trpc.requests.form.queryKey({ assignmentId: form.assignmentId }),
          (cached) => cached && { ...cached, status: "submitted" as const, draft: null, draftSavedAt: null },
        );
        void queryClient.invalidateQueries(trpc.inbox.pathFilter());
        window.scrollTo({ top: 0 });
      },
      onError: (error, variables) => {
        // Whatever went wrong, put the answers in the draft now rather than at the next pause.
        void autosave.flush().catch(() => {});
        setRetry((previous) => {
          const attempt = (previous?.attempt ?? 0) + 1;
          const wait = retryDelaySeconds(error, attempt);
          return wait === null ? null : { attempt, at: Date.now() + wait * 1000, answers: variables.answers };
        });
      },
    }),
  );
  const { mutate: submitNow } = submit;
  useEffect(() => {
    if (!retry) return;
    const timer = setTimeout(
      () => submitNow({ assignmentId: form.assignmentId, answers: retry.answers }),
      retry.at - Date.now(),
    );
    return () => clearTimeout(timer);
  }, [retry, submitNow, form.assignmentId]);
  const secondsToRetry = useSecondsUntil(retry && !submit.isPending ? retry.at : null);
  // Answers left here while the form asked which to keep (a link elsewhere,
  // the back button, a reload) come back, and so does the question. Read
  // after hydration: the server has no session storage.
  const keptSnapshot = useSyncExternalStore(
    noSubscription,
    () => setAsideSnapshot(form.assignmentId),
    () => null,
  );
  const [keptSeen, setKeptSeen] = useState<string | null>(null);
  const [raised, setRaised] = useState<(StoredDraft<Answers> & { savedAt: Date }) | null>(null);
  if (keptSnapshot !== null && keptSnapshot !== keptSeen && !raised) {
    setKeptSeen(keptSnapshot);
    const kept = setAsideAnswers(keptSnapshot);
    const stored = storedDraftOf(form);
    if (kept && open && !sameAnswers(kept, stored.value)) {
      setAnswers(kept);
      setEdited(true);
      setStarted(true);
      // Against stored answers this copy knows, ask at once; a copy older than
      // the server's gets its first save refused, which asks the same.
      if (stored.savedAt !== null) setRaised({ ...stored, savedAt: stored.savedAt });
    }
  }
  // The stored answers can arrive newer than the copy the form first rendered from.
  if (raised && form.draftVersion > raised.version && form.draft && form.draftSavedAt) {
    setRaised({ value: form.draft, savedAt: form.draftSavedAt, version: form.draftVersion });
  }
  const setAside = useCallback(
    (value: Answers | null) => {
      writeSetAside(form.assignmentId, value);
      // Chosen: the question is answered, and a save of these answers is not a newer draft to ask about.
      if (value === null) setRaised(null);
    },
    [form.assignmentId],
  );
  const autosave = useDraftAutosave(answers, save, { basis, enabled: open && started, setAside, raised });
  const newerRatings = autosave.state.kind === "conflict" ? autosave.state.newer.value.ratings : null;

  const statements = useMemo(() => form.sections.flatMap((s) => s.statements), [form.sections]);
  const missing = statements.filter((s) => answers.ratings[s.id] === undefined);
  const answered = statements.length - missing.length;
  const isSelf = form.relationship === "self";
  const anonymous = form.relationship === "peer" || form.relationship === "direct_report";
  const who = isSelf ? "your self-review" : form.subject.name;

  const rate = (statementId: string, value: RatingAnswer) => {
    setEdited(true);
    setAnswers((a) => ({ ...a, ratings: { ...a.ratings, [statementId]: value } }));
  };
  const write = (questionId: string, text: string) => {
    setEdited(true);
    setAnswers((a) => ({ ...a, comments: { ...a.comments, [questionId]: text } }));
  };
  /** The person chose the answers saved elsewhere over the ones on this page. */
  const loadNewer = (newer: StoredDraft<Answers>) => {
    setBasis(newer);
    setAnswers(newer.value);
    setEdited(false);
  };

  async function handleSubmit(event: React.FormEvent) {
    event.preventDefault();
    if (submit.isPending) return;
    if (missing.length > 0) {
      setShowMissing(true);
      document.getElementById("missing-summary")?.focus();
      return;
    }
    setRetry(null);
    submit.mutate({ assignmentId: form.assignmentId, answers });
  }

  if (submitted) {
    return (
      <div className="narrow stack">
        <div className="card" role="status">
          <h1>Thank you — your feedback is submitted</h1>
          <p>
            Your answers for {isSelf ? "your self-review" : form.subject.name} are stored
            {anonymous ? " without your name, and will only ever be shown combined with others'" : ""}. They can no
            longer be viewed or changed by anyone, you included.
          </p>
          <p>
            <Link href="/" className="button">
              Back to your requests
            </Link>
          </p>
        </div>
      </div>
    );
  }

  if (form.status === "declined") {
    return (
      <div className="narrow stack">
        <h1>You declined this request</h1>
        <p className="lead">
          You said you can’t give feedback on {form.subject.name} in {form.cycle.name}. Nothing more is needed.
        </p>
        <p>
          <Link href="/">Back to your requests</Link>
        </p>
      </div>
    );
  }

  const heading = isSelf ? "Your self-review" : `Feedback for ${form.subject.name}`;

  return (
    <div className="form-page stack">
      <div>
        <p className="muted small">
          {form.cycle.name} · {relationshipLabel[form.relationship]} · due {formatDay(form.cycle.closesOn)}
        </p>
        <h1>{heading}</h1>
        {!isSelf && <p className="muted">{form.subject.title}</p>}
      </div>

      {form.cycle.status !== "collecting" && (
        <p className="notice notice-error" role="alert">
          {form.cycle.name} closed on {form.cycle.closedOn ?? form.cycle.closesOn} and no longer takes answers.
          {form.draft ? " Your draft is kept." : ""}
        </p>
      )}

      <FormIntro
        relationship={form.relationship}
        subjectName={form.subject.name}
        minGroupSize={form.cycle.minGroupSize}
        started={started}
        onStart={() => setStarted(true)}
      />

      {started && (
        <form onSubmit={handleSubmit} noValidate className="stack" aria-label={heading}>
          <div className="form-progress card">
            <ProgressBar value={answered} max={statements.length} label="Statements answered" />
            <SaveStatus state={autosave.state} />
            {/* The choice sits above the first section; this bar stays in view wherever the person is. */}
            {autosave.state.kind === "conflict" && (
              <a href="#newer-answers" className="small">
                Choose which answers to keep
              </a>
            )}
          </div>

          {autosave.state.kind === "conflict" && (
            <NewerAnswersNotice
              newer={autosave.state.newer}
              answeredHere={answered}
              answeredThere={statements.filter((s) => newerRatings?.[s.id] !== undefined).length}
              onLoadNewer={loadNewer}
              onKeepMine={() => void autosave.keepMine()}
            />
          )}

          {form.sections.map((section) => {
            const offset = statements.findIndex((s) => s.id === section.statements[0]?.id);
            return (
              <section key={section.key} className="card" aria-labelledby={`section-${section.key}`}>
                <div>
                  <h2 id={`section-${section.key}`}>{section.name}</h2>
                  <p className="muted">
                    {section.description}
                    {section.kind === "visibility" &&
                      " This is not a competency: it helps tell quiet influence apart from being loud."}
                  </p>
                </div>
                {section.statements.map((statement, i) => (
                  <RatingScale
                    key={statement.id}
                    statementId={statement.id}
                    number={offset + i + 1}
                    text={statement.text}
                    value={answers.ratings[statement.id]}
                    missing={showMissing && answers.ratings[statement.id] === undefined}
                    onChange={(value) => rate(statement.id, value)}
                  />
                ))}
              </section>
            );
          })}

          {form.questions.length > 0 && (
            <section className="card" aria-labelledby="questions-heading">
              <div>
                <h2 id="questions-heading">{isSelf ? "Reflection" : "In your own words"}</h2>
                <p className="muted">
                  Optional.{" "}
                  {anonymous
                    ? "Comments are shown to the person only with at least " +
                      `${form.cycle.minGroupSize} others', in random order and without dates — but writing style and details can identify you. Describe what happened rather than who you are.`
                    : "Your answers here carry your name."}
                </p>
              </div>
              {form.questions.map((question) => {
                const text = answers.comments[question.id] ?? "";
                return (
                  <div key={question.id} className="field">
                    <label htmlFor={`question-${question.id}`}>{question.prompt}</label>
                    {question.hint && (
                      <p className="muted small" id={`question-${question.id}-hint`}>
                        {question.hint}
                      </p>
                    )}
                    <textarea
                      id={`question-${question.id}`}
                      className="input textarea"
                      rows={4}
                      maxLength={4000}
                      value={text}
                      aria-describedby={question.hint ? `question-${question.id}-hint` : undefined}
                      onChange={(e) => write(question.id, e.target.value)}
                    />
                    <p className="muted small counter">{text.length} / 4000</p>
                  </div>
                );
              })}
            </section>
          )}

          <div className="card submit-area">
            {showMissing && missing.length > 0 && (
              <div id="missing-summary" className="notice notice-error" tabIndex={-1} role="alert">
                <p className="strong">
                  {missing.length} statement{missing.length === 1 ? " needs" : "s need"} an answer before you can
                  submit:
                </p>
                <ul>
                  {missing.slice(0, 8).map((s) => (
                    <li key={s.id}>
                      <a href={`#statement-${s.id}`}>
                        {statements.indexOf(s) + 1}. {s.text}
                      </a>
                    </li>
                  ))}
                  {missing.length > 8 && <li>…and {missing.length - 8} more, marked above.</li>}
                </ul>
              </div>
            )}
            {retry && (
              <div className="notice notice-error submit-retry" role="status">
                <p>
                  Saving failed — your answers are kept here and in your draft. Retrying automatically
                  {submit.isPending ? "…" : secondsToRetry !== null ? ` in ${secondsToRetry} s.` : "."}
                </p>
                {!submit.isPending && (
                  <button type="submit" className="button button-secondary">
                    Retry now
                  </button>
                )}
              </div>
            )}
            {submit.isError && !retry && (
              <p className="notice notice-error" role="alert">
                {submit.error.data?.code === "PRECONDITION_FAILED" || submit.error.data?.code === "BAD_REQUEST"
                  ? submit.error.message
                  : `Could not submit: ${submit.error.message.replace(/\.$/, "")}. Your answers are safe in your draft — try again.`}
              </p>
            )}
            <div className="row-between">
              <p className="muted small">
                {answered} of {statements.length} statements answered. Once submitted, answers can’t be changed.
              </p>
              <button type="submit" className="button" disabled={submit.isPending || !open}>
                {submit.isPending ? "Submitting…" : "Submit feedback"}
              </button>
            </div>
          </div>
        </form>
      )}

      {open && !isSelf && form.relationship !== "manager" && (
        <DeclineRequest assignmentId={form.assignmentId} subjectName={who} />
      )}
    </div>
  );
}

/**
 * A tab left open on older answers, after another tab or device saved newer
 * ones: says so, saves nothing more, and lets the person choose. Nothing they
 * typed here is dropped unless they pick the other answers.
 */
function NewerAnswersNotice({
  newer,
  answeredHere,
  answeredThere,
  onLoadNewer,
  onKeepMine,
}: {
  newer: StoredDraft<Answers> & { savedAt: Date };
  answeredHere: number;
  answeredThere: number;
  onLoadNewer: (newer: StoredDraft<Answers>) => void;
  onKeepMine: () => void;
}) {
  const at = newer.savedAt.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return (
    <div id="newer-answers" className="notice notice-error stack-tight newer-answers" role="alert">
      <p className="strong">Newer answers were saved at {at} from another tab or device.</p>
      <p>
        This page has older answers ({plural(answeredHere, "statement")} answered; the newer ones answer {answeredThere}
        ), so nothing you change here is saved until you choose which to keep.
      </p>
      <div className="row-start">
        <button type="button" className="button" onClick={() => onLoadNewer(newer)}>
          Load the newer answers
        </button>
        <button type="button" className="button button-secondary" onClick={onKeepMine}>
          Keep the answers on this page
        </button>
      </div>
    </div>
  );
}

/** Whole seconds left until `at` (a time in ms), ticking each second; null when there is nothing to wait for. */
function useSecondsUntil(at: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    const first = setTimeout(() => setNow(Date.now()), 0);
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      clearTimeout(first);
      clearInterval(tick);
    };
  }, [at]);
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1000));
}
