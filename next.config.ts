import type { NextConfig } from "next";
import { staticSecurityHeaders } from "./server/http/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // PGlite ships WASM and data files; load it from node_modules at run time
  // rather than bundling it (works with Turbopack and webpack alike).
  serverExternalPackages: ["@electric-sql/pglite"],
  // `npm test` type-checks the whole project; repeating it in every build only
  // slows the first `npm start` on a fresh machine.
  typescript: { ignoreBuildErrors: true },
  // The per-page Content-Security-Policy with its nonce is set in proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: staticSecurityHeaders({ production: process.env.NODE_ENV === "production" }) }];
  },
};

export default nextConfig;
