import { defineConfig, devices } from "@playwright/test";
import { chromiumForEndToEndTests } from "./scripts/e2e-chromium";
import { e2eServers, e2eWorkerCount, oidcPort } from "./e2e/support/servers";

// One installation per worker, each with its own database (e2e/support/servers.ts).
const workers = e2eWorkerCount();
const servers = e2eServers(workers);
// A real OpenID Connect provider (e2e/support/oidc-provider.mjs) for the single sign-on tests, shared by all.
const oidcIssuer = `http://localhost:${oidcPort}`;

// Debian's Chromium where it is installed (CI, these machines); Playwright's
// own browser elsewhere, e.g. on a laptop after `npx playwright install chromium`;
// with neither, one line saying so before the app is built and started.
const executablePath = chromiumForEndToEndTests();

export default defineConfig({
  testDir: "e2e",
  // Any test may run on any worker, in any order: each builds what it needs
  // or takes people no other test of its worker changes (README, "Development").
  fullyParallel: true,
  workers,
  retries: 0,
  // The longest journeys take 30-40 s on an idle 2-core machine and more than
  // twice that on a busy one; a test is never failed for being slow, only stuck.
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    // baseURL is this worker's server: e2e/support/fixtures.ts.
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: [
    {
      command: "node e2e/support/oidc-provider.mjs",
      url: `${oidcIssuer}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "ignore",
      env: {
        OIDC_TEST_PORT: String(oidcPort),
        OIDC_TEST_REDIRECT_URIS: servers.map((server) => `${server.url}/api/auth/callback/oidc`).join(" "),
      },
    },
    // Started one after another: the first seeds the demo once and copies it
    // for every installation, and its `npm start` builds the app when the
    // sources changed; the others find both ready. Each is served by the
    // README's start command, and its output is also kept in its folder's
    // server.log, which the anonymity tests search.
    ...servers.map((server) => ({
      command: [
        ...(server.index === 0 ? [`npx tsx --conditions=react-server e2e/support/databases.ts ${servers.length}`] : []),
        `npm start 2>&1 | tee ${server.logFile}`,
      ].join(" && "),
      url: `${server.url}/signin`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "pipe" as const,
      env: {
        PORT: String(server.port),
        PGLITE_DATA_DIR: server.pgliteDir,
        DATABASE_URL: "",
        DEMO_SIGN_IN: "1",
        // Longer than a test leaves a request context idle: with Node's 5 s, a
        // context's next request could reuse a connection the server was closing (ECONNRESET).
        KEEP_ALIVE_TIMEOUT: "120000",
        // A secret of its own: no installation accepts another's session cookies.
        NEXTAUTH_SECRET: `e2e-only-secret-0123456789abcdef-${server.index}`,
        NEXTAUTH_URL: server.url,
        OIDC_ISSUER: oidcIssuer,
        OIDC_CLIENT_ID: "undercurrent-e2e",
        OIDC_CLIENT_SECRET: "undercurrent-e2e-secret",
        OIDC_NAME: "Company SSO",
      },
    })),
  ],
});
