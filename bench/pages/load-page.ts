/**
 * One page in a browser: opened in a fresh context as its person, given time
 * to settle, and every script it loaded from the app's origin gzipped.
 */
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "@playwright/test";
import { SESSION_COOKIE } from "../../scripts/hardening/http-client";
import { LIBRARY_SIGNATURES, RECHARTS_CLASS_NAME } from "./chunk-contents";
import type { PageLoad, PageRoute } from "./types";

/** A script stops counting as "still arriving" after this long without another. */
export const QUIET_MS = 1_000;
const SETTLE_LIMIT_MS = 15_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the network has been idle and no script has arrived for QUIET_MS: charts load after hydration. */
async function settle(page: Page, scriptsSoFar: () => number): Promise<void> {
  await page.waitForLoadState("networkidle");
  const deadline = Date.now() + SETTLE_LIMIT_MS;
  let seen = -1;
  while (seen !== scriptsSoFar() && Date.now() < deadline) {
    seen = scriptsSoFar();
    await sleep(QUIET_MS);
    await page.waitForLoadState("networkidle");
  }
}

export async function loadPage(
  browser: Browser,
  baseUrl: string,
  route: PageRoute,
  options: { allowPrefetch: boolean },
): Promise<PageLoad> {
  const origin = new URL(baseUrl).origin;
  const context = await browser.newContext();
  try {
    if (route.who) await context.addCookies([{ name: SESSION_COOKIE, value: route.who.sessionToken, url: origin }]);
    let prefetches = 0;
    // The router marks its prefetches of linked pages with this header.
    await context.route("**/*", (request) => {
      if (request.request().headers()["next-router-prefetch"] === undefined) return request.continue();
      prefetches += 1;
      return options.allowPrefetch ? request.continue() : request.abort();
    });
    const page = await context.newPage();
    const bodies = new Map<string, Promise<Buffer>>();
    page.on("response", (response) => {
      if (response.request().resourceType() !== "script" || new URL(response.url()).origin !== origin) return;
      if (!bodies.has(response.url())) bodies.set(response.url(), response.body());
    });
    const answer = await page.goto(new URL(route.path, baseUrl).toString(), { waitUntil: "load" });
    const landedOn = new URL(page.url()).pathname;
    if (answer?.status() !== 200 || landedOn !== new URL(route.path, baseUrl).pathname) {
      throw new Error(
        `${route.path} as ${route.who?.name ?? "nobody"} answered ${answer?.status()} at ${landedOn}, not the page itself`,
      );
    }
    await settle(page, () => bodies.size);
    const scripts = await Promise.all(
      [...bodies].map(async ([url, body]) => {
        const text = await body;
        const source = text.toString("utf8");
        return {
          url,
          gzipBytes: gzipSync(text).length,
          hasRecharts: RECHARTS_CLASS_NAME.test(source),
          libraries: LIBRARY_SIGNATURES.filter(([, signature]) => signature.test(source)).map(([name]) => name),
        };
      }),
    );
    return { scripts, prefetches };
  } finally {
    await context.close();
  }
}
