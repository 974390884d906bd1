/**
 * Which requests may change anything: a browser only ever sends our own
 * JSON, from our own pages. A form or a script on another site can make the
 * browser POST with the user's cookies (as text/plain or a form, without a
 * preflight), so writes must be JSON and must not come from another origin.
 * Plain function of the request, tested without a server.
 */

export type Refusal = { status: 403 | 415; message: string };

/** The origin the request was addressed to, as the browser saw it. */
function ownOrigin(headers: Headers, url: URL): string {
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? url.host;
  const proto = headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}

export function refuseUnsafeWrite(request: Request): Refusal | null {
  if (request.method === "GET" || request.method === "HEAD") return null;
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") {
    return { status: 415, message: "Changes are accepted only as JSON (content-type: application/json)." };
  }
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== ownOrigin(request.headers, new URL(request.url))) {
    return { status: 403, message: "Requests from another site cannot change anything here." };
  }
  // Browsers that send no Origin still say where the request came from.
  if (origin === null && request.headers.get("sec-fetch-site") === "cross-site") {
    return { status: 403, message: "Requests from another site cannot change anything here." };
  }
  return null;
}
