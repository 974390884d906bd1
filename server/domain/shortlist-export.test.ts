import { describe, expect, it } from "vitest";
import { shortlistCsv } from "./shortlist-export";

const person = (
  id: string,
  name: string,
  extra: Partial<Parameters<typeof shortlistCsv>[0]["shortlist"][number]> = {},
) => ({
  id,
  name,
  title: "Engineer",
  department: "Engineering",
  level: 4,
  location: "Leeds",
  responses: 6,
  competence: 4.1234,
  competenceLow: 3.8,
  competenceHigh: 4.45,
  visibility: 2.5,
  managerGap: -0.6,
  selfAgreement: "hidden_strength" as const,
  ...extra,
});

describe("the shortlist export", () => {
  it("writes the shortlist in its order, rounded, with a header a panel can read", () => {
    const view = {
      cycle: { name: "Spring 2026 review" },
      filters: { department: "Engineering", level: 4 },
      shortlist: [
        person("b", '=Bo, "B"', { selfAgreement: null, managerGap: null, competenceLow: null, competenceHigh: null }),
        person("a", "Ada Obi"),
      ],
    };
    const { filename, csv, rows } = shortlistCsv(view);
    expect(filename).toBe("quiet-influencers-spring-2026-review-engineering-level-4.csv");
    expect(rows).toBe(2);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      'Rank,Name,Title,Department,Level,Location,"Competence (shrunk, 1-5)",Competence range low (90 %),Competence range high (90 %),"Visibility (shrunk, 1-5)",Anonymous responses,Manager minus others,Self-assessment',
    );
    expect(lines[1]).toBe(`1,"'=Bo, ""B""",Engineer,Engineering,4,Leeds,4.12,,,2.5,6,,`);
    expect(lines[2]).toBe("2,Ada Obi,Engineer,Engineering,4,Leeds,4.12,3.8,4.45,2.5,6,-0.6,under-estimates self");
    expect(lines).toHaveLength(4); // header, two rows, and the final line end
  });
});
