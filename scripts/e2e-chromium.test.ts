import { describe, expect, it } from "vitest";
import { chooseChromium, DEBIAN_CHROMIUM, NO_CHROMIUM } from "./e2e-chromium";

const PLAYWRIGHTS = "/home/someone/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome";
const present =
  (...files: string[]) =>
  (file: string) =>
    files.includes(file);

describe("chooseChromium", () => {
  it("drives Debian's Chromium where it is installed, even beside Playwright's", () => {
    expect(chooseChromium(present(DEBIAN_CHROMIUM), PLAYWRIGHTS)).toEqual({ executablePath: DEBIAN_CHROMIUM });
    expect(chooseChromium(present(DEBIAN_CHROMIUM, PLAYWRIGHTS), PLAYWRIGHTS)).toEqual({
      executablePath: DEBIAN_CHROMIUM,
    });
  });

  it("leaves Playwright to launch its own when only that one is installed", () => {
    expect(chooseChromium(present(PLAYWRIGHTS), PLAYWRIGHTS)).toEqual({ executablePath: undefined });
  });

  it("stops with one line naming both ways to get one when neither is there", () => {
    expect(chooseChromium(present(), PLAYWRIGHTS)).toEqual({ missing: NO_CHROMIUM });
    expect(chooseChromium(present(), "")).toEqual({ missing: NO_CHROMIUM }); // a platform Playwright has no build for
    expect(NO_CHROMIUM).not.toContain("\n");
    expect(NO_CHROMIUM).toContain("apt-get install chromium");
    expect(NO_CHROMIUM).toContain("npx playwright install chromium");
  });
});
