/**
 * Runs before every page: gives the page a Content-Security-Policy with a
 * fresh nonce. Access control is not here — every page and procedure checks
 * the session itself — so a request that skips the proxy gains nothing.
 */
import { type NextRequest, NextResponse } from "next/server";
import { readConfig } from "./server/config";
import { servedOverHttps } from "./server/http/forwarded";
import { contentSecurityPolicy, newNonce } from "./server/http/security-headers";

export function proxy(request: NextRequest) {
  const policy = contentSecurityPolicy({
    nonce: newNonce(),
    development: process.env.NODE_ENV === "development",
    https: servedOverHttps(request.headers, request.nextUrl, readConfig().http.trustProxy),
  });
  // Next.js reads the nonce from the request's policy and puts it on its scripts.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: not the API, not built assets.
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
