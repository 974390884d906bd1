import { defineConfig, devices } from "@playwright/test";
import { chromiumForEndToEndTests } from "./scripts/e2e-chromium";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
// A real OpenID Connect provider (e2e/support/oidc-provider.mjs) for the single sign-on tests.
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? port + 1);
const oidcIssuer = `http://localhost:${oidcPort}`;

// Debian's Chromium where it is installed (CI, these machines); Playwright's
// own browser elsewhere, e.g. on a laptop after `npx playwright install chromium`;
// with neither, one line saying so before the app is built and started.
const executablePath = chromiumForEndToEndTests();

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL,
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
      env: { OIDC_TEST_PORT: String(oidcPort), OIDC_TEST_REDIRECT_URI: `${baseURL}/api/auth/callback/oidc` },
    },
    {
      // A fresh embedded database for every run, served by the README's start command.
      // Its output is also kept in data/e2e/server.log, which the anonymity tests search.
      command:
        "node -e \"const fs=require('fs');fs.rmSync('data/e2e',{recursive:true,force:true});fs.mkdirSync('data/e2e',{recursive:true})\" && npm start 2>&1 | tee data/e2e/server.log",
      url: `${baseURL}/signin`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        PORT: String(port),
        PGLITE_DATA_DIR: "data/e2e/pglite",
        DATABASE_URL: "",
        DEMO_SIGN_IN: "1",
        NEXTAUTH_SECRET: "e2e-only-secret-0123456789abcdef",
        NEXTAUTH_URL: baseURL,
        OIDC_ISSUER: oidcIssuer,
        OIDC_CLIENT_ID: "undercurrent-e2e",
        OIDC_CLIENT_SECRET: "undercurrent-e2e-secret",
        OIDC_NAME: "Company SSO",
      },
    },
  ],
});
