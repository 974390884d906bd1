/**
 * What a request says about how it reached us. X-Forwarded-Host, -Proto and
 * -For are ordinary headers that anyone can write, so they mean something
 * only when a reverse proxy of ours sets them (TRUST_PROXY=1). Even then a
 * client may have sent its own value first, which the proxy appends to: the
 * right-most entry is the one our proxy added, and the only one believed.
 * One trusted hop is assumed; a chain of proxies must have its outermost one
 * overwrite the headers instead of appending.
 *
 * No `server-only`: proxy.ts uses it too. Plain functions, tested without a server.
 */

/** The entry the nearest proxy added: the last of a comma-separated list. */
function nearestEntry(value: string | null): string | undefined {
  const entry = value?.split(",").pop()?.trim();
  return entry ? entry : undefined;
}

/** A host name or address with an optional port, and nothing that would change what a URL means. */
const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** `scheme://host[:port]` as a URL origin (lowercase, default port dropped), or undefined when it is not one. */
export function originOf(scheme: string, host: string): string | undefined {
  if ((scheme !== "http" && scheme !== "https") || !HOST.test(host)) return undefined;
  try {
    return new URL(`${scheme}://${host}`).origin;
  } catch {
    return undefined;
  }
}

/**
 * The origin the request was addressed to. Without a trusted proxy that is
 * the Host header, which the browser sets to the address it connects to and
 * a page on another site cannot change. The scheme comes from the request's
 * URL (Next.js derives it from the connection, or from X-Forwarded-Proto
 * when that says https: this can only name our own host over https, never
 * another host, so it lets no other site in).
 */
export function addressedOrigin(headers: Headers, url: URL, trustProxy: boolean): string | undefined {
  const ownScheme = url.protocol.replace(":", "");
  const ownHost = headers.get("host") ?? url.host;
  if (!trustProxy) return originOf(ownScheme, ownHost);
  const scheme = nearestEntry(headers.get("x-forwarded-proto"))?.toLowerCase() ?? ownScheme;
  const host = nearestEntry(headers.get("x-forwarded-host")) ?? ownHost;
  return originOf(scheme, host);
}

/**
 * Whether the browser reached the app over https, for the policies that only
 * make sense there. Behind a trusted proxy that terminates TLS, the proxy
 * says so. Without one the answer is no: `next start` speaks plain http, and
 * the request's URL cannot be asked instead, because Next.js marks it https
 * whenever a client sends X-Forwarded-Proto: https.
 */
export function servedOverHttps(headers: Headers, url: URL, trustProxy: boolean): boolean {
  if (!trustProxy) return false;
  const scheme = nearestEntry(headers.get("x-forwarded-proto"))?.toLowerCase();
  return (scheme ?? url.protocol.replace(":", "")) === "https";
}

/**
 * The client's network address, as the trusted proxy saw it, or undefined
 * without one. Next.js fills X-Forwarded-For with the socket's address only
 * when the client sent none, so without a proxy of ours the header cannot
 * tell the server's own observation from whatever a client chose to claim.
 */
export function clientAddress(headers: Headers, trustProxy: boolean): string | undefined {
  return trustProxy ? nearestEntry(headers.get("x-forwarded-for")) : undefined;
}

const PROXY_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The id a request is logged and answered under: the one a trusted proxy
 * sent (X-Request-Id, so its logs and ours line up), else a new one. A
 * client's own header is not taken without a trusted proxy: it could forge
 * lines that seem to belong to someone else's request.
 */
export function requestIdOf(
  headers: Headers,
  trustProxy: boolean,
  newId: () => string = () => crypto.randomUUID(),
): string {
  const given = headers.get("x-request-id")?.trim();
  return trustProxy && given && PROXY_REQUEST_ID.test(given) ? given : newId();
}
