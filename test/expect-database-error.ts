import { expect } from "vitest";
import { databaseError } from "@/server/db/errors";

/** Asserts that the database itself refused the write, with a message matching `pattern`. */
export async function expectDatabaseRefusal(write: Promise<unknown>, pattern: RegExp): Promise<void> {
  const outcome = await write.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, "the write should have been refused").toBeDefined();
  const info = databaseError(outcome);
  expect(info, `not a database error: ${String(outcome)}`).toBeDefined();
  expect(`${info!.constraint ?? ""} ${info!.message}`).toMatch(pattern);
}
