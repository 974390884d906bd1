/**
 * Single sign-on settings, read from the environment: an OpenID Connect
 * issuer (Okta, Entra ID, Google Workspace, Keycloak, …) and the client this
 * deployment was registered as. All three or none.
 */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** What the sign-in button says: "Sign in with <name>". */
  name: string;
}

export class OidcConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OidcConfigError";
  }
}

export function readOidcSettings(env: Record<string, string | undefined> = process.env): OidcSettings | null {
  const issuer = env.OIDC_ISSUER?.trim() || "";
  const clientId = env.OIDC_CLIENT_ID?.trim() || "";
  const clientSecret = env.OIDC_CLIENT_SECRET?.trim() || "";
  const given = [issuer, clientId, clientSecret].filter(Boolean).length;
  if (given === 0) return null;
  if (given < 3) {
    const missing = [
      !issuer && "OIDC_ISSUER",
      !clientId && "OIDC_CLIENT_ID",
      !clientSecret && "OIDC_CLIENT_SECRET",
    ].filter(Boolean);
    throw new OidcConfigError(`Single sign-on needs ${missing.join(" and ")} as well (or none of the OIDC_ settings).`);
  }
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new OidcConfigError(`OIDC_ISSUER must be the issuer's URL, e.g. https://login.example.com; got "${issuer}".`);
  }
  const local = url.hostname === "localhost" || url.hostname === "127.0.0.1";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
    throw new OidcConfigError(`OIDC_ISSUER must use https (plain http only on localhost); got "${issuer}".`);
  }
  return { issuer: issuer.replace(/\/$/, ""), clientId, clientSecret, name: env.OIDC_NAME?.trim() || "single sign-on" };
}
