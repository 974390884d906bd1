import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

/**
 * The layering, checked: what each room may not import. Components reach the
 * server only through tRPC (types from the router); the server never imports
 * pages or components; the domain, the simulator and the shapes the procedures
 * return are pure, with no I/O; end-to-end tests reach only their own worker's
 * server.
 */
const notPagesOrComponents = [
  {
    group: ["@/app/*", "@/components/*", "**/app/**", "**/components/**"],
    message: "The server never imports pages or components.",
  },
];
const layering = [
  {
    files: ["components/**/*.{ts,tsx}", "trpc/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server/db", "@/server/db/*", "**/server/db", "**/server/db/**"],
              message:
                "Components read data through tRPC: take types from the router (inferRouterOutputs), not from server/db.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["server/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: notPagesOrComponents }] },
  },
  {
    files: ["server/domain/**/*.ts", "server/simulator/**/*.ts", "server/shapes/**/*.ts"],
    ignores: ["server/domain/**/*.test.ts", "server/simulator/**/*.test.ts", "server/shapes/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...notPagesOrComponents,
            {
              group: [
                "node:*",
                "fs",
                "net",
                "http",
                "child_process",
                "postgres",
                "@electric-sql/*",
                "drizzle-orm",
                "drizzle-orm/*",
                "server-only",
                "../db",
                "../db/*",
                "../http/*",
                "../mail/*",
                "../auth/*",
                "@/server/*",
              ],
              message:
                "server/domain, server/simulator and server/shapes are pure: no I/O, no database, no other server room.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server/*", "**/server/**", "@/app/*", "@/components/*", "node:*", "server-only"],
              message: "lib/ is what the server and the browser both use: it imports neither side, and does no I/O.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["e2e/**/*.ts"],
    ignores: ["e2e/support/fixtures.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@playwright/test",
              importNames: ["test"],
              message: "Take `test` from e2e/support/fixtures.ts: it points each worker at its own server.",
            },
          ],
        },
      ],
    },
  },
];

const config = [
  ...nextVitals,
  ...nextTypeScript,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "data/**",
      "drizzle/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  ...layering,
];

export default config;
