/**
 * Which requests may change anything: a browser only ever sends our own
 * JSON, from our own pages. A form or a script on another site can make the
 * browser POST with the user's cookies (as text/plain or a form, without a
 * preflight), so writes must be JSON and must not come from another origin.
 * Plain function of the request and the settings, tested without a server.
 */
import type { HttpConfig } from "../config";
import { addressedOrigin, originOf } from "./forwarded";

export type Refusal = { status: 403 | 415; message: string };

/**
 * The origins that are ours: the configured addresses (APP_URL, NEXTAUTH_URL),
 * and the one the request was addressed to — when a trusted proxy names it,
 * or, with no APP_URL to go by, from the Host header. Without TRUST_PROXY a
 * client's X-Forwarded-Host counts for nothing, so it cannot vouch for a
 * foreign Origin.
 */
function ownOrigins(request: Request, settings: HttpConfig): (string | undefined)[] {
  const configured = [settings.appOrigin, settings.authOrigin];
  if (settings.appOrigin && !settings.trustProxy) return configured;
  return [...configured, addressedOrigin(request.headers, new URL(request.url), settings.trustProxy)];
}

/** The Origin header as a comparable origin; "null", and anything with more than
 *  scheme, host and port, are nobody's. */
function originHeader(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (value.endsWith("/") || url.href !== `${url.origin}/`) return undefined;
    return originOf(url.protocol.replace(":", ""), url.host);
  } catch {
    return undefined;
  }
}

const FOREIGN: Refusal = { status: 403, message: "Requests from another site cannot change anything here." };

export function refuseUnsafeWrite(request: Request, settings: HttpConfig): Refusal | null {
  if (request.method === "GET" || request.method === "HEAD") return null;
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") {
    return { status: 415, message: "Changes are accepted only as JSON (content-type: application/json)." };
  }
  const origin = request.headers.get("origin");
  if (origin !== null) {
    const from = originHeader(origin);
    return from !== undefined && ownOrigins(request, settings).includes(from) ? null : FOREIGN;
  }
  // Browsers that send no Origin still say where the request came from.
  if (request.headers.get("sec-fetch-site") === "cross-site") return FOREIGN;
  return null;
}
