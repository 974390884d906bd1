import NextAuth from "next-auth";
import { appRateLimits, RATE_LIMITS } from "@/server/api/rate-limits";
import { EMAIL_PROVIDER_ID, emailLinksEnabled } from "@/server/auth/email-link";
import { authOptions } from "@/server/auth/options";
import { readConfig } from "@/server/config";
import { clientAddress } from "@/server/http/forwarded";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

function handler(req: Request, context: Context) {
  return NextAuth(authOptions())(req, context);
}

/**
 * Asking for a sign-in link sends a mail, so it is limited per address and
 * per client before next-auth sees it. The refusal is shaped like
 * next-auth's own answers, so the sign-in form shows it as an error.
 */
async function post(req: Request, context: Context) {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === `signin/${EMAIL_PROVIDER_ID}`) {
    // Links go out only where they reach their person alone (SMTP, or the demo).
    if (!emailLinksEnabled(readConfig()))
      return Response.json({ message: "Sign-in links are not offered here." }, { status: 404 });
    const form = new URLSearchParams(await req.clone().text());
    const address = (form.get("email") ?? "").trim().toLowerCase();
    // The client's address is known only behind a proxy we trust to name it
    // (TRUST_PROXY). Without one, X-Forwarded-For is whatever the client wrote,
    // so it could dodge the limit or spend someone else's; and one shared
    // bucket would let a single flooder stop everyone's sign-in. So then only
    // the mail addresses count.
    const client = clientAddress(req.headers, readConfig().http.trustProxy);
    const limiter = appRateLimits();
    const byClient = client
      ? await limiter.take(RATE_LIMITS.signInLinksFromOneClient, client)
      : ({ allowed: true } as const);
    const decision = byClient.allowed ? await limiter.take(RATE_LIMITS.signInLinks, address) : byClient;
    if (!decision.allowed) {
      const url = new URL("/signin?error=TooManyLinks", req.url);
      return Response.json(
        { url: url.toString() },
        { status: 429, headers: { "Retry-After": String(decision.retryAfterSeconds) } },
      );
    }
  }
  return handler(req, context);
}

export { handler as GET, post as POST };
