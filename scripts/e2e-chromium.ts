/**
 * Which Chromium the end-to-end tests drive: Debian's where it is installed
 * (CI, our machines), else Playwright's own. With neither, `npm test` stops
 * before it starts the app, with one line saying what to install: installing
 * a browser on its own would mean a download from Playwright's servers in the
 * middle of a test run, which closed networks (ours among them) refuse.
 */
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export const DEBIAN_CHROMIUM = "/usr/bin/chromium";

export const NO_CHROMIUM =
  "No Chromium for the end-to-end tests: install Debian's `chromium` package (apt-get install chromium), or run `npx playwright install chromium` once.";

/** `executablePath` for Playwright's launch options (undefined: its own browser), or the line to stop with. */
export type ChromiumChoice = { executablePath: string | undefined } | { missing: string };

export function chooseChromium(exists: (file: string) => boolean, playwrightChromium: string): ChromiumChoice {
  if (exists(DEBIAN_CHROMIUM)) return { executablePath: DEBIAN_CHROMIUM };
  if (exists(playwrightChromium)) return { executablePath: undefined };
  return { missing: NO_CHROMIUM };
}

function playwrightsOwnChromium(): string {
  try {
    return chromium.executablePath(); // where `npx playwright install chromium` puts it, installed or not
  } catch {
    return ""; // a platform Playwright has no Chromium for
  }
}

/** For playwright.config.ts: the browser to launch, or exit at once with the one line. */
export function chromiumForEndToEndTests(): string | undefined {
  const choice = chooseChromium(existsSync, playwrightsOwnChromium());
  if ("missing" in choice) {
    console.error(choice.missing);
    process.exit(1);
  }
  return choice.executablePath;
}
