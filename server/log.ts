/**
 * The app's own log lines: one JSON object per line (time, level, msg and
 * named fields), which log collectors parse without rules of their own.
 * Fields are only what a caller names — ids, counts, step names — never an
 * answer, a comment, a token or an address; an error is logged by its name
 * and message, which for the app's errors carry no values. Next.js's own
 * start-up lines stay as they are.
 */

export type LogLevel = "info" | "warn" | "error";
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** An error as log fields: its kind and message, never its stack or its cause's data. */
export function errorFields(error: unknown): LogFields {
  if (error instanceof Error) return { error: error.name, message: error.message };
  return { error: "non-error", message: String(error) };
}

export function logLine(level: LogLevel, msg: string, fields: LogFields = {}, at: Date = new Date()): string {
  const named = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  return JSON.stringify({ time: at.toISOString(), level, msg, ...named });
}

function write(level: LogLevel, msg: string, fields?: LogFields): void {
  const line = logLine(level, msg, fields);
  if (level === "info") console.log(line);
  else console.error(line);
}

export const log = {
  info: (msg: string, fields?: LogFields) => write("info", msg, fields),
  warn: (msg: string, fields?: LogFields) => write("warn", msg, fields),
  error: (msg: string, fields?: LogFields) => write("error", msg, fields),
};
