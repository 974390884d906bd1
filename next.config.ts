import type { NextConfig } from "next";
import { staticSecurityHeaders } from "./server/http/security-headers";

const nextConfig: NextConfig = {
  // The container image serves `.next/standalone/server.js`; its build stage
  // sets NEXT_OUTPUT=standalone. Only there: `npm start` runs `next start`,
  // which warns on every start that it "does not work" with standalone output.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  poweredByHeader: false,
  reactStrictMode: true,
  // PGlite ships WASM and data files; load it from node_modules at run time
  // rather than bundling it (works with Turbopack and webpack alike).
  serverExternalPackages: ["@electric-sql/pglite"],
  // The per-page Content-Security-Policy with its nonce is set in proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: staticSecurityHeaders({ production: process.env.NODE_ENV === "production" }) },
    ];
  },
};

export default nextConfig;
