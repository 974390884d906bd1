/**
 * `test` for every spec: Playwright's, pointed at this worker's own
 * installation (e2e/support/servers.ts). `baseURL` (and with it `page`,
 * `request` and `browser.newContext()`) reaches that server only, and
 * `server` says where its log is. A spec imports `test` and `expect` from
 * here, never from @playwright/test, so that no spec can reach another
 * worker's data.
 */
import { test as base } from "@playwright/test";
import { e2eServer, e2eWorkerCount, type E2eServer } from "./servers";

export { expect } from "@playwright/test";

export const test = base.extend<object, { server: E2eServer }>({
  server: [
    async ({}, provide, workerInfo) => {
      const count = e2eWorkerCount();
      if (workerInfo.parallelIndex >= count)
        throw new Error(
          `worker ${workerInfo.parallelIndex} has no server: ${count} were started. Choose the number of workers with E2E_WORKERS, not --workers.`,
        );
      await provide(e2eServer(workerInfo.parallelIndex));
    },
    { scope: "worker" },
  ],
  baseURL: async ({ server }, provide) => {
    await provide(server.url);
  },
});
