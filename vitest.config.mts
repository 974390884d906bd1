import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// `server-only` throws outside React Server Components; tests import server
// modules directly, so it becomes an empty module here.
const alias = {
  "server-only": fileURLToPath(new URL("./test/server-only-stub.ts", import.meta.url)),
  "@": root,
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          sequence: { groupOrder: 0 },
          include: [
            "server/**/*.test.ts",
            "components/**/*.test.ts",
            "lib/**/*.test.ts",
            "scripts/**/*.test.ts",
            "trpc/**/*.test.ts",
          ],
          exclude: ["**/*.integration.test.ts", "node_modules/**"],
          environment: "node",
          // Some property tests and the simulator's calibration run for seconds on an idle
          // machine; on a busy one the default 5 s would fail them for being slow, not wrong.
          testTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          sequence: { groupOrder: 1 },
          include: ["server/**/*.integration.test.ts", "test/**/*.integration.test.ts"],
          globalSetup: ["test/database-template.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // PGlite is single-threaded WASM; two files at a time keep a 2-core machine responsive.
          maxWorkers: 2,
        },
      },
    ],
  },
});
