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
