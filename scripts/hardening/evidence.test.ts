import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { forgetEvidence, readEvidence, recordEvidence } from "../../test/evidence";
import { evidenceRows } from "./evidence";

const now = new Date("2026-11-29T12:00:00Z");
const suites = [
  { name: "access matrix", recordedBy: "access.integration.test.ts" },
  { name: "anonymity attack: slices", recordedBy: "anonymity-attacks.spec.ts" },
];

describe("the attack suites' records", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  const freshDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uc-evidence-"));
    dirs.push(dir);
    return dir;
  };

  it("are read back as written, and forgotten when a suite starts again", () => {
    const dir = freshDir();
    recordEvidence("access matrix (PGlite)", [{ what: "cells", value: "200", ok: true }], dir, now);
    recordEvidence("anonymity attack: slices", [{ what: "slices", value: "2 refused", ok: true }], dir, now);
    fs.writeFileSync(path.join(dir, "stray.json"), "{ not a record");
    expect(readEvidence(dir).map((e) => e.suite)).toEqual(["access matrix (PGlite)", "anonymity attack: slices"]);
    expect(readEvidence(dir)[0]).toEqual({
      suite: "access matrix (PGlite)",
      recordedAt: now.toISOString(),
      rows: [{ what: "cells", value: "200", ok: true }],
    });

    forgetEvidence("anonymity attack: slices", dir);
    expect(readEvidence(dir).map((e) => e.suite)).toEqual(["access matrix (PGlite)"]);
    expect(readEvidence(path.join(dir, "absent"))).toEqual([]);
  });

  it("become summary rows with their age, each engine's record on its own rows", () => {
    const earlier = new Date(now.getTime() - 12 * 60_000).toISOString();
    const rows = evidenceRows(
      [
        { suite: "access matrix (PGlite)", recordedAt: earlier, rows: [{ what: "cells", value: "200", ok: true }] },
        {
          suite: "access matrix (PostgreSQL)",
          recordedAt: earlier,
          rows: [
            { what: "cells", value: "200", ok: true },
            { what: "more", value: "x" },
          ],
        },
        {
          suite: "anonymity attack: slices",
          recordedAt: earlier,
          rows: [{ what: "slices", value: "2 refused", ok: true }],
        },
      ],
      now,
      suites,
    );
    expect(rows).toEqual([
      { step: "access matrix (PGlite)", what: "cells", value: "200 (recorded 12 min ago)", ok: true },
      { step: "access matrix (PostgreSQL)", what: "cells", value: "200 (recorded 12 min ago)", ok: true },
      { step: "access matrix (PostgreSQL)", what: "more", value: "x", ok: undefined },
      { step: "anonymity attack: slices", what: "slices", value: "2 refused (recorded 12 min ago)", ok: true },
      { step: "attack suites (npm test)", what: "kinds of attack held", value: "2 of 2" },
    ]);
  });

  it("name a suite that has no record and where it comes from, and a failed check fails the run", () => {
    const rows = evidenceRows(
      [
        {
          suite: "access matrix (PGlite)",
          recordedAt: "2026-11-27T12:00:00Z",
          rows: [{ what: "cells", value: "199 of 200", ok: false }],
        },
      ],
      now,
      suites,
    );
    expect(rows).toEqual([
      { step: "access matrix (PGlite)", what: "cells", value: "199 of 200 (recorded 2 days ago)", ok: false },
      {
        step: "anonymity attack: slices",
        what: "not recorded",
        value: "run `npm test` first (anonymity-attacks.spec.ts records it when it passes)",
      },
      { step: "attack suites (npm test)", what: "kinds of attack held", value: "0 of 2" },
    ]);
  });
});
