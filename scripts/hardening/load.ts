/**
 * The load driver: a fixed number of simulated raters, each a browser tab
 * that signs in as a person, opens their feedback requests one by one, thinks,
 * lets the form save a draft, and submits — then signs in as the next person
 * with requests open. It stops by itself: no new form after `seconds`, no
 * retry after `graceSeconds` more. Loopback addresses only.
 *
 * A rater behaves like the form: a submit that fails (no answer, 5xx, an
 * HTML page) keeps its answers and is tried again with capped exponential
 * backoff and jitter until the deadline; only a 200 counts as acknowledged. A
 * CONFLICT ("already submitted") after a failed attempt means that attempt
 * committed: acknowledged once, and counted. A 429 waits its Retry-After.
 */
import type { Answers } from "../../lib/answers";
import { createRng, type Rng } from "../../server/domain/random";
import { AppClient, requireLoopback, type TrpcOutcome } from "./http-client";
import { backoffSeconds } from "../../components/form/submit-retry";
import { ANSWER_WITHIN_MS } from "../../trpc/fetch-with-timeout";
import { summariseLatencies, tally, type LatencySummary } from "./figures";

export interface LoadOptions {
  url: string;
  /** Simulated raters working at once. */
  raters: number;
  /** No rater opens a new form after this long. */
  seconds: number;
  /** People to sign in as, in this order; each person is taken by one rater only. */
  people: readonly string[];
  /** Only requests of this cycle are answered (default: any open request). */
  cycleId?: string;
  /** A pause of this many ms (uniform) before the draft save and again before the submit. */
  thinkMs?: [number, number];
  /** How long after `seconds` a rater keeps retrying a submit in hand. */
  graceSeconds?: number;
  /** Per request. */
  timeoutMs?: number;
  /** Each rater saves a draft before submitting, as the form does while someone types. */
  saveDrafts?: boolean;
  seed?: number;
  onProgress?: (line: string) => void;
  /** Told of each acknowledged submission as it happens (a fault step counts those after its fault). */
  onAcknowledged?: (assignmentId: string) => void;
}

export interface FailureEvent {
  at: number;
  /** "submit 503 SERVICE_UNAVAILABLE", "sign-in network (ECONNREFUSED)"… */
  label: string;
}

export interface LoadFigures {
  raters: number;
  /** From the first sign-in to the last rater stopping. */
  elapsedSeconds: number;
  peopleSignedIn: number;
  /** True when raters ran out of people with open requests before the deadline. */
  poolExhausted: boolean;
  formsOpened: number;
  acknowledged: number;
  /** Acknowledged on a later attempt after a failure. */
  acknowledgedAfterRetry: number;
  /** CONFLICT after a failed attempt: the failed one had committed. */
  conflictsAfterRetry: number;
  /** Submits still failing at the deadline (answers kept by the form, unacknowledged). */
  gaveUp: number;
  /** Failed submit attempts, by what came back ("network (ECONNREFUSED)", "503 SERVICE_UNAVAILABLE"…). */
  submitFailures: Record<string, number>;
  /** Failed sign-ins, inbox and form reads, and draft saves, by what came back. */
  otherFailures: Record<string, number>;
  /** Messages of the tRPC errors raters were shown on a failure. */
  failureMessages: Record<string, number>;
  /** Answers that were an HTML (or other non-JSON) page with a 5xx status. */
  htmlErrorPages: number;
  rateLimited: number;
  /** Refusals no rater should ever meet (400, 403, 404, a CONFLICT on a first attempt…). */
  unexpected: Record<string, number>;
  /** Every failed request, with when (seconds since the load began): a fault step tells before from during. */
  failures: FailureEvent[];
  /** Of the attempt that was acknowledged. */
  submitLatency: LatencySummary;
  /** Of every request that got a JSON answer (any status), by kind: sign-in (both requests), inbox, form, draft, submit. */
  latencyByRequest: Record<string, LatencySummary>;
  /** Acknowledged submissions per second over the run. */
  throughputPerSecond: number;
  acknowledgedIds: string[];
  attemptedIds: string[];
}

interface FormForAnswers {
  sections: { statements: { id: string }[] }[];
  questions: { id: string }[];
  draft: Answers | null;
  /** What a draft save names as its basis: the form refuses one based on older answers. */
  draftVersion: number;
}

interface InboxCycle {
  cycleId: string;
  requests: { assignmentId: string; state: "not_started" | "draft" | "submitted" | "declined" }[];
}

/** Complete answers, starting from the draft: every statement rated 1–5 (now and then "not observed"), some comments. */
export function answersFor(form: Omit<FormForAnswers, "draftVersion">, rng: Rng): Answers {
  const ratings: Answers["ratings"] = { ...form.draft?.ratings };
  for (const statement of form.sections.flatMap((s) => s.statements)) {
    ratings[statement.id] ??= rng.chance(0.05) ? "not_observed" : (rng.int(1, 5) as 1 | 2 | 3 | 4 | 5);
  }
  const comments: Answers["comments"] = { ...form.draft?.comments };
  for (const question of form.questions) {
    if (comments[question.id] === undefined && rng.chance(0.5))
      comments[question.id] = "Clear about priorities; could share context earlier.";
  }
  return { ratings, comments };
}

export type Verdict = "ok" | "retry" | "rate-limited" | "conflict" | "refused";

/**
 * What the form does with an answer. A 401 is retried too: the rater's
 * session is valid for hours, so a 401 mid-run means the server could not
 * read it (its database was away), and the form keeps the answers.
 */
export function judge(outcome: TrpcOutcome<unknown>): { verdict: Verdict; label: string; htmlErrorPage: boolean } {
  switch (outcome.kind) {
    case "data":
      return { verdict: "ok", label: String(outcome.status), htmlErrorPage: false };
    case "network":
      return { verdict: "retry", label: `network (${outcome.error})`, htmlErrorPage: false };
    case "not-json":
      return outcome.status >= 500
        ? {
            verdict: "retry",
            label: `${outcome.status} non-JSON page (${outcome.contentType || "no type"})`,
            htmlErrorPage: true,
          }
        : {
            verdict: "refused",
            label: `${outcome.status} non-JSON (${outcome.contentType || "no type"})`,
            htmlErrorPage: false,
          };
    case "error":
      if (outcome.status === 429) return { verdict: "rate-limited", label: "429", htmlErrorPage: false };
      if (outcome.code === "CONFLICT")
        return { verdict: "conflict", label: `${outcome.status} CONFLICT`, htmlErrorPage: false };
      if (outcome.status >= 500 || outcome.status === 401) {
        return { verdict: "retry", label: `${outcome.status} ${outcome.code}`, htmlErrorPage: false };
      }
      return {
        verdict: "refused",
        label: `${outcome.status} ${outcome.code}: ${outcome.message.slice(0, 80)}`,
        htmlErrorPage: false,
      };
  }
}

/** next-auth answers a failed sign-in with the sign-in page's address and an `error` parameter. */
function signInError(body: string): string {
  const match = /[?&]error=([A-Za-z]+)/.exec(body);
  return match ? match[1]! : "no session";
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  requireLoopback(options.url);
  if (options.raters < 1 || options.seconds <= 0)
    throw new Error("runLoad needs at least one rater and a positive duration");
  const thinkMs = options.thinkMs ?? [1000, 3000];
  const started = performance.now();
  const endAt = started + options.seconds * 1000;
  const retryUntil = endAt + (options.graceSeconds ?? 30) * 1000;
  const queue = [...options.people];
  const rootRng = createRng(options.seed ?? 1);

  const figures: LoadFigures = {
    raters: options.raters,
    elapsedSeconds: 0,
    peopleSignedIn: 0,
    poolExhausted: false,
    formsOpened: 0,
    acknowledged: 0,
    acknowledgedAfterRetry: 0,
    conflictsAfterRetry: 0,
    gaveUp: 0,
    submitFailures: {},
    otherFailures: {},
    failureMessages: {},
    htmlErrorPages: 0,
    rateLimited: 0,
    unexpected: {},
    failures: [],
    submitLatency: summariseLatencies([]),
    latencyByRequest: {},
    throughputPerSecond: 0,
    acknowledgedIds: [],
    attemptedIds: [],
  };
  const latencies: number[] = [];
  const answerTimes: Record<string, number[]> = {};
  const timed = <T>(kind: string, outcome: TrpcOutcome<T>): TrpcOutcome<T> => {
    if (outcome.kind === "data" || outcome.kind === "error") (answerTimes[kind] ??= []).push(outcome.ms);
    return outcome;
  };
  const acknowledged = new Set<string>();
  const attempted = new Set<string>();

  const noteFailure = (counts: Record<string, number>, label: string, outcome?: TrpcOutcome<unknown>) => {
    tally(counts, label);
    if (outcome?.kind === "error" && outcome.message) {
      tally(figures.failureMessages, `${outcome.status}: ${outcome.message.replace(/\s+/g, " ").slice(0, 70)}`);
    }
    const at = (performance.now() - started) / 1000;
    figures.failures.push({ at, label: counts === figures.submitFailures ? `submit ${label}` : label });
  };

  /** A read or a sign-in, tried again like the app's pages would be, until the retry deadline. */
  async function patiently<T>(kind: string, call: () => Promise<TrpcOutcome<T>>, rng: Rng): Promise<T | null> {
    const failures = { count: 0 };
    for (;;) {
      const outcome = timed(kind, await call());
      if (outcome.kind === "data") return outcome.data;
      if ((await afterFailure(kind, outcome, failures, rng)) !== "again") return null;
    }
  }

  /**
   * After an attempt that did not succeed, what the form would do: wait out a
   * rate limit, give up on a refusal, or note the failure and wait its growing
   * pause. "again" when it is worth another attempt before the deadline.
   */
  async function afterFailure(
    kind: string,
    outcome: TrpcOutcome<unknown>,
    failures: { count: number },
    rng: Rng,
  ): Promise<"again" | "refused" | "out of time"> {
    const { verdict, label, htmlErrorPage } = judge(outcome);
    if (htmlErrorPage) figures.htmlErrorPages++;
    if (verdict === "rate-limited") {
      figures.rateLimited++;
      await sleep(((outcome.kind === "error" && outcome.retryAfterSeconds) || 1) * 1000);
      return "again";
    }
    if (verdict !== "retry") {
      tally(figures.unexpected, `${kind} ${label}`);
      return "refused";
    }
    if (kind === "submit") noteFailure(figures.submitFailures, label, outcome);
    else noteFailure(figures.otherFailures, `${kind} ${label}`, outcome);
    const wait = backoffSeconds(++failures.count, () => rng.next()) * 1000;
    if (performance.now() + wait > retryUntil) return "out of time";
    await sleep(wait);
    return "again";
  }

  /** Demo sign-in; a person whose sign-in fails tries again a little later. */
  async function signIn(client: AppClient, personId: string, rng: Rng): Promise<boolean> {
    for (let failures = 0; ;) {
      const signInStarted = performance.now();
      const result = await client.signInAsDemoPerson(personId);
      if (result.status !== "network") (answerTimes["sign-in"] ??= []).push(performance.now() - signInStarted);
      if (result.ok) return true;
      const reason =
        result.status === "network" ? `network (${result.detail})` : `${result.status} ${signInError(result.detail)}`;
      noteFailure(figures.otherFailures, `sign-in ${reason}`);
      const wait = backoffSeconds(++failures, () => rng.next()) * 1000;
      if (performance.now() + wait > retryUntil) return false;
      await sleep(wait);
    }
  }

  /** The form's submit button, with its retries. */
  async function submit(client: AppClient, assignmentId: string, answers: Answers, rng: Rng): Promise<void> {
    attempted.add(assignmentId);
    const failures = { count: 0 };
    for (;;) {
      const outcome = timed(
        "submit",
        await client.mutate<{ submitted: true }>("requests.submit", { assignmentId, answers }),
      );
      const { verdict } = judge(outcome);
      if (verdict === "ok" || (verdict === "conflict" && failures.count > 0)) {
        acknowledged.add(assignmentId);
        figures.acknowledged++;
        if (failures.count > 0) figures.acknowledgedAfterRetry++;
        if (verdict === "conflict") figures.conflictsAfterRetry++;
        else latencies.push(outcome.ms);
        options.onAcknowledged?.(assignmentId);
        return;
      }
      const next = await afterFailure("submit", outcome, failures, rng);
      if (next === "out of time") figures.gaveUp++;
      if (next !== "again") return;
    }
  }

  async function rater(index: number): Promise<void> {
    const rng = createRng(rootRng.int(0, 2 ** 31) + index);
    await sleep(rng.int(0, 3000)); // people do not all arrive in the same millisecond
    while (performance.now() < endAt) {
      const personId = queue.shift();
      if (!personId) {
        figures.poolExhausted = true;
        return;
      }
      const client = new AppClient(options.url, { timeoutMs: options.timeoutMs ?? ANSWER_WITHIN_MS });
      if (!(await signIn(client, personId, rng))) return;
      figures.peopleSignedIn++;
      const inbox = await patiently("inbox", () => client.query<InboxCycle[]>("inbox.mine"), rng);
      if (!inbox) return;
      const open = inbox
        .filter((cycle) => !options.cycleId || cycle.cycleId === options.cycleId)
        .flatMap((cycle) => cycle.requests)
        .filter((request) => request.state === "not_started" || request.state === "draft");
      for (const request of open) {
        if (performance.now() >= endAt) return;
        const form = await patiently(
          "form",
          () => client.query<FormForAnswers>("requests.form", { assignmentId: request.assignmentId }),
          rng,
        );
        if (!form) continue;
        figures.formsOpened++;
        const answers = answersFor(form, rng);
        await sleep(rng.int(thinkMs[0], thinkMs[1]));
        if (options.saveDrafts ?? true) {
          // An autosave that fails is shown and tried at the next pause; the submit carries the answers anyway.
          const saved = timed(
            "draft",
            await client.mutate("requests.saveDraft", {
              assignmentId: request.assignmentId,
              answers,
              basedOnVersion: form.draftVersion,
            }),
          );
          const { verdict, label, htmlErrorPage } = judge(saved);
          if (htmlErrorPage) figures.htmlErrorPages++;
          if (verdict === "retry") noteFailure(figures.otherFailures, `draft ${label}`, saved);
          else if (verdict === "rate-limited") figures.rateLimited++;
          else if (verdict !== "ok") tally(figures.unexpected, `draft ${label}`);
          await sleep(rng.int(thinkMs[0], thinkMs[1]));
        }
        await submit(client, request.assignmentId, answers, rng);
      }
    }
  }

  const progress = setInterval(() => {
    const t = Math.round((performance.now() - started) / 1000);
    const failures = Object.values(figures.submitFailures).reduce((a, b) => a + b, 0);
    options.onProgress?.(
      `  ${t} s: ${figures.acknowledged} acknowledged, ${failures} failed submit attempts, ${figures.peopleSignedIn} people signed in`,
    );
  }, 10_000);
  try {
    await Promise.all(Array.from({ length: options.raters }, (_, i) => rater(i)));
  } finally {
    clearInterval(progress);
  }

  figures.elapsedSeconds = (performance.now() - started) / 1000;
  figures.submitLatency = summariseLatencies(latencies);
  for (const [kind, times] of Object.entries(answerTimes)) figures.latencyByRequest[kind] = summariseLatencies(times);
  figures.throughputPerSecond = figures.acknowledged / figures.elapsedSeconds;
  figures.acknowledgedIds = [...acknowledged];
  figures.attemptedIds = [...attempted];
  return figures;
}
