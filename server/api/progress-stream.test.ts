import { describe, expect, it } from "vitest";
import { progressStream } from "./progress-stream";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const events: T[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe("progressStream", () => {
  it("yields every report in order, then the result", async () => {
    const events = await collect(
      progressStream<number, string>(async (report) => {
        report(1);
        report(2); // two reports before the reader looks: neither is lost
        await tick();
        report(3);
        return "finished";
      }),
    );
    expect(events).toEqual([
      { kind: "progress", progress: 1 },
      { kind: "progress", progress: 2 },
      { kind: "progress", progress: 3 },
      { kind: "done", result: "finished" },
    ]);
  });

  it("ends with the work's error, after the reports made before it", async () => {
    const seen: unknown[] = [];
    const failure = new Error("refused");
    await expect(async () => {
      for await (const event of progressStream<number, never>(async (report) => {
        report(1);
        await tick();
        throw failure;
      }))
        seen.push(event);
    }).rejects.toBe(failure);
    expect(seen).toEqual([{ kind: "progress", progress: 1 }]);
  });

  it("lets the work finish when the reader stops early", async () => {
    let finished = false;
    let markFinished = () => {};
    const whenFinished = new Promise<void>((resolve) => (markFinished = resolve));
    for await (const event of progressStream<number, void>(async (report) => {
      report(1);
      await tick();
      report(2);
      await tick();
      finished = true;
      markFinished();
    })) {
      expect(event).toEqual({ kind: "progress", progress: 1 });
      break;
    }
    await whenFinished; // would time out if leaving the loop had stopped the work
    expect(finished).toBe(true);
  });
});
