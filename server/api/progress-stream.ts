/**
 * Turns work that reports progress through a callback into a stream a tRPC
 * procedure can yield: every report as `{ kind: "progress" }`, then the
 * result as `{ kind: "done" }`, or the work's error thrown at that point.
 *
 * The work runs on its own, not driven by whoever reads the stream: a reader
 * that goes away (a closed tab) stops reading, while the work still completes
 * or rolls back as a whole.
 */
export type ProgressEvent<P, T> = { kind: "progress"; progress: P } | { kind: "done"; result: T };

export async function* progressStream<P, T>(
  work: (report: (progress: P) => void) => Promise<T>,
): AsyncGenerator<ProgressEvent<P, T>, void, undefined> {
  const waiting: P[] = [];
  let wake: (() => void) | null = null;
  // A holder, not a `let`: it is set in callbacks the compiler cannot follow.
  const state: { outcome: { ok: true; value: T } | { ok: false; error: unknown } | null } = { outcome: null };

  const notify = () => {
    const resume = wake;
    wake = null;
    resume?.();
  };
  void work((progress) => {
    waiting.push(progress);
    notify();
  }).then(
    (value) => {
      state.outcome = { ok: true, value };
      notify();
    },
    (error: unknown) => {
      state.outcome = { ok: false, error };
      notify();
    },
  );

  for (;;) {
    while (waiting.length > 0) yield { kind: "progress", progress: waiting.shift()! };
    const settled = state.outcome;
    if (settled) {
      if (!settled.ok) throw settled.error;
      yield { kind: "done", result: settled.value };
      return;
    }
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
  }
}
