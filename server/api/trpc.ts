/**
 * The one place that defines the tRPC context and every kind of procedure.
 * Access is checked here, per procedure, never only in a page:
 * signed out → 401 UNAUTHORIZED; signed in without the role → 403 FORBIDDEN.
 */
import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { getDb, type Db } from "../db";
import { isDatabaseUnavailable } from "../db/errors";
import type { Roles } from "../db/queries/people";
import { NewerDraftRefusal } from "../db/queries/submission";
import { Refusal, type RefusalKind } from "../domain/refusal";
import type { RateLimitPolicy, RateLimits } from "../rate-limit/limiter";
import { appRateLimits, RateLimited } from "./rate-limits";
import { canRunCycles } from "../../lib/roles";

export interface ContextUser {
  id: string;
  name: string;
  email: string;
  roles: Roles;
}

export interface Context {
  db: Db;
  user: ContextUser | null;
  headers: Headers;
  /** Requests from people are counted here. Contexts built by hand (tests
   *  calling procedures directly) leave it out, and are not limited. */
  limiter?: RateLimits;
}

/** Built per request by the HTTP handler and by server components. */
export async function createTRPCContext(opts: {
  headers: Headers;
  getUser: () => Promise<ContextUser | null>;
}): Promise<Context> {
  try {
    const [db, user] = await Promise.all([getDb(), opts.getUser()]);
    return { db, user, headers: opts.headers, limiter: appRateLimits() };
  } catch (error) {
    throw asUnavailable(error);
  }
}

const UNAVAILABLE_MESSAGE = "The database is not answering just now. Nothing was lost: try again in a moment.";

/** A database that cannot be reached is a 503 someone can wait out, not a crash. */
function asUnavailable(error: unknown): unknown {
  return isDatabaseUnavailable(error)
    ? new TRPCError({ code: "SERVICE_UNAVAILABLE", message: UNAVAILABLE_MESSAGE, cause: error })
    : error;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      data: {
        ...shape.data,
        // A field-by-field explanation a form can show next to its inputs.
        fieldErrors: fieldErrorsOf(error.cause),
        // When a form may try again, for a countdown.
        retryAfterSeconds: error.cause instanceof RateLimited ? error.cause.retryAfterSeconds : null,
        // A draft save from older answers: the draft that was saved since, for its own rater to load.
        newerDraft: error.cause instanceof NewerDraftRefusal ? error.cause.newer : null,
      },
    };
  },
});

function fieldErrorsOf(cause: unknown): Record<string, string[] | undefined> | null {
  if (cause instanceof ZodError) return z.flattenError(cause).fieldErrors;
  if (cause instanceof Refusal && cause.field) return { [cause.field]: [cause.message] };
  return null;
}

const REFUSAL_CODES = {
  not_found: "NOT_FOUND",
  invalid: "BAD_REQUEST",
  forbidden: "FORBIDDEN",
  conflict: "CONFLICT",
  precondition_failed: "PRECONDITION_FAILED",
} as const satisfies Record<RefusalKind, TRPCError["code"]>;

/** A rule's refusal, thrown anywhere below a procedure, reaches the client as
 *  its 4xx with the rule's sentence as the message; the refusal stays the
 *  cause, for the data the formatter adds. */
function asRefusalError(refusal: Refusal): TRPCError {
  return new TRPCError({ code: REFUSAL_CODES[refusal.kind], message: refusal.message, cause: refusal });
}

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

export const publicProcedure = t.procedure.use(async ({ getRawInput, next }) => {
  if (containsUnstorableText(await getRawInput())) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "Text must be valid Unicode, without NUL characters." });
  }
  const result = await next();
  if (!result.ok && isDatabaseUnavailable(result.error)) throw asUnavailable(result.error);
  if (!result.ok && isInputRefusal(result.error)) throw readableInputRefusal(result.error);
  if (!result.ok && result.error.cause instanceof Refusal) throw asRefusalError(result.error.cause);
  return result;
});

/** NUL, or half of a surrogate pair (valid in a JavaScript string, not in UTF-8). */
const UNSTORABLE_CHARACTER = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** PostgreSQL stores neither: NUL is refused in text and in JSON, half a pair
 *  in JSON (in text the driver quietly makes it U+FFFD). Let through, they make
 *  a text field, a filter or an audit entry a 500. Refused here, once, for
 *  every procedure and field, present and future. */
function containsUnstorableText(input: unknown): boolean {
  const seen = new Set<object>(); // superjson can rebuild shared and circular references
  const waiting: unknown[] = [input];
  while (waiting.length > 0) {
    const value = waiting.pop();
    if (typeof value === "string" && UNSTORABLE_CHARACTER.test(value)) return true;
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value) || value instanceof Set) {
      for (const item of value) waiting.push(item);
    } else {
      // Keys too: a record's keys are text the handler may store.
      for (const [key, item] of value instanceof Map ? value : Object.entries(value)) waiting.push(key, item);
    }
  }
  return false;
}

/** An input its schema refused, still worded as tRPC words it: zod's issues as JSON. */
function isInputRefusal(error: TRPCError): error is TRPCError & { cause: ZodError } {
  return error.code === "BAD_REQUEST" && error.cause instanceof ZodError && error.message === error.cause.message;
}

const ISSUES_IN_MESSAGE = 3;
const LONGEST_INPUT_MESSAGE = 300;

/** The app shows an error's message to people as it is, so a refused input says
 *  what is wrong in sentences, a few at most and never at length (a crafted key
 *  can be megabytes). Forms still get every field's issues in `fieldErrors`. */
function readableInputRefusal(error: TRPCError & { cause: ZodError }): TRPCError {
  const { issues } = error.cause;
  const sentences = issues
    .slice(0, ISSUES_IN_MESSAGE)
    // One problem reads best as its own sentence (a form shows it as it is);
    // several say which field each is about.
    .map((issue) =>
      issue.path.length > 0 && issues.length > 1
        ? `${issue.path.map(String).join(".")}: ${issue.message}`
        : issue.message,
    );
  const more = issues.length > ISSUES_IN_MESSAGE ? ` (and ${issues.length - ISSUES_IN_MESSAGE} more)` : "";
  const message = `${sentences.join("; ")}${more}`;
  const shown = message.length > LONGEST_INPUT_MESSAGE ? `${message.slice(0, LONGEST_INPUT_MESSAGE - 1)}…` : message;
  return new TRPCError({ code: "BAD_REQUEST", message: shown, cause: error.cause });
}

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

function requireRole(allowed: (roles: Roles) => boolean, what: string) {
  return protectedProcedure.use(({ ctx, next }) => {
    if (!allowed(ctx.user.roles)) throw new TRPCError({ code: "FORBIDDEN", message: `Only ${what} can do this.` });
    return next();
  });
}

/** Counts the signed-in person's calls against `policy`; over it, 429 with when to try again. */
export function rateLimit(policy: RateLimitPolicy) {
  return t.middleware(async ({ ctx, next }) => {
    const decision = ctx.user && ctx.limiter ? await ctx.limiter.take(policy, ctx.user.id) : { allowed: true as const };
    if (!decision.allowed) {
      const cause = new RateLimited(decision.retryAfterSeconds);
      throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: cause.message, cause });
    }
    return next();
  });
}

/** People with at least one direct report. Which subjects they may see is
 *  still checked in each query (their reporting tree only). */
export const managerProcedure = requireRole((r) => r.manager, "managers");
export const hrProcedure = requireRole(canRunCycles, "HR");
export const adminProcedure = requireRole((r) => r.admin, "administrators");
