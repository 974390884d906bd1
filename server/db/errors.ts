/**
 * drizzle wraps a database error in "Failed query: …"; the database's own
 * message and code sit in `cause`. These helpers reach them so that a rule the
 * database enforces can reach the person as a clear sentence.
 */
export interface DatabaseErrorInfo {
  code: string | undefined;
  constraint: string | undefined;
  message: string;
}

export function databaseError(error: unknown): DatabaseErrorInfo | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; constraint?: unknown; constraint_name?: unknown; message?: unknown };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return {
        code: candidate.code,
        constraint: (candidate.constraint ?? candidate.constraint_name) as string | undefined,
        message: String(candidate.message ?? ""),
      };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Error codes of a database that cannot be reached or is going away —
 *  worth a "try again" rather than a failure: socket errors, postgres.js's
 *  connection errors, and PostgreSQL's class 08 (connection) and 57P (shutdown). */
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (UNREACHABLE_CODES.has(code) || code.startsWith("08") || code.startsWith("57P")))
      return true;
    // An AggregateError (several addresses tried) carries its reasons in `errors`.
    const inner = (current as { errors?: unknown }).errors;
    if (Array.isArray(inner) && inner.some(isDatabaseUnavailable)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
