import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // PGlite ships WASM and data files; load it from node_modules at run time
  // rather than bundling it (works with Turbopack and webpack alike).
  serverExternalPackages: ["@electric-sql/pglite"],
  // `npm test` type-checks the whole project; repeating it in every build only
  // slows the first `npm start` on a fresh machine.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
