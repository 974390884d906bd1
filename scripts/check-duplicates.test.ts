import { describe, expect, it } from "vitest";
import { findBlocks } from "./check-duplicates";

const body = (names: string[]) => names.map((name, i) => `  const ${name} = compute(${i}, "${name}");`).join("\n");

describe("findBlocks", () => {
  it("finds a run of six lines copied into another file once, with its lines, whatever the indentation", () => {
    const shared = body(["a", "b", "c", "d", "e", "f", "g"]);
    const blocks = findBlocks(
      new Map([
        ["one.ts", `import { x } from "y";\n\nfunction one() {\n${shared}\n}\n`],
        ["two.ts", `function two() {\n  if (ready) {\n${shared.replace(/^/gm, "    ")}\n  }\n}\n`],
      ]),
    );
    expect(blocks).toEqual([{ a: { file: "one.ts", from: 4, to: 10 }, b: { file: "two.ts", from: 3, to: 9 } }]);
  });

  it("does not count five shared lines, nor closing brackets and imports around them", () => {
    const shared = body(["a", "b", "c", "d", "e"]);
    const around = `import { same } from "same";\n${shared}\n    });\n  });\n});`;
    expect(
      findBlocks(
        new Map([
          ["one.ts", around],
          ["two.ts", around],
        ]),
      ),
    ).toEqual([]);
  });

  it("does not count the names of a multi-line import list", () => {
    const list = `import {\n${["a", "b", "c", "d", "e", "f", "g"].map((n) => `  ${n},`).join("\n")}\n} from "./same";`;
    expect(
      findBlocks(
        new Map([
          ["one.ts", list],
          ["two.ts", list],
        ]),
      ),
    ).toEqual([]);
  });
});
