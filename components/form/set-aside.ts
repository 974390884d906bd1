import { type Answers, answersSchema } from "@/lib/answers";

/**
 * Answers a person left on a form while it was asking which answers to keep
 * (newer ones had been saved from another tab): kept in this tab's session
 * storage, never sent anywhere, until the form is opened again and the
 * person chooses. Closing the tab forgets them; the browser asks first.
 */
const keyOf = (assignmentId: string) => `undercurrent:set-aside:${assignmentId}`;

/** What is set aside for the request, as stored (a string, so that it can be a
 *  useSyncExternalStore snapshot); null when nothing is, or storage is refused. */
export function setAsideSnapshot(assignmentId: string): string | null {
  try {
    return window.sessionStorage.getItem(keyOf(assignmentId));
  } catch {
    return null;
  }
}

/** The answers in a snapshot; null for anything that is not answers. */
export function setAsideAnswers(snapshot: string | null): Answers | null {
  if (snapshot === null) return null;
  try {
    const parsed = answersSchema.safeParse(JSON.parse(snapshot));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeSetAside(assignmentId: string, answers: Answers | null): void {
  try {
    if (answers === null) window.sessionStorage.removeItem(keyOf(assignmentId));
    else window.sessionStorage.setItem(keyOf(assignmentId), JSON.stringify(answers));
  } catch {
    // Without storage the answers stay only on the page, as before.
  }
}
