import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DemoPersonPicker } from "@/components/auth/demo-person-picker";
import { EmailLinkForm } from "@/components/auth/email-link-form";
import { LINK_NOT_SENT, TOO_MANY_LINKS } from "@/components/auth/sign-in-messages";
import { SingleSignOnButton } from "@/components/auth/single-sign-on-button";
import { readOidcSettings } from "@/server/auth/oidc-config";
import { emailLinksEnabled, SIGN_IN_LINK_MINUTES } from "@/server/auth/email-link";
import { OIDC_PROVIDER_ID } from "@/server/auth/options";
import { readConfig } from "@/server/config";
import { DEMO_EMAIL_DOMAIN } from "@/server/simulator/people-details";
import { getSignedInUser } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Sign in" };

const errorText: Record<string, string> = {
  CredentialsSignin: "That person cannot sign in. They may have been deactivated.",
  AccessDenied: "Your account is not in the organisation's directory. Ask HR to add you.",
  NotInOrgChart:
    "You signed in, but that email address is not in Undercurrent's org chart, or it has been deactivated. Ask HR to add you, then try again.",
  OAuthSignin: "Single sign-on could not start. Please try again; if it keeps failing, tell your administrator.",
  OAuthCallback: "Single sign-on did not complete. Please try again; if it keeps failing, tell your administrator.",
  SessionRequired: "Please sign in to see that page.",
  Verification: "That sign-in link has expired or has already been used. Ask for a new one below.",
  TooManyLinks: TOO_MANY_LINKS,
  EmailSignin: LINK_NOT_SENT,
};

/** Only same-site paths: an open redirect would let a link send people anywhere after sign-in. */
function safeCallback(value: string | string[] | undefined): string {
  const path = Array.isArray(value) ? value[0] : value;
  return path && path.startsWith("/") && !path.startsWith("//") ? path : "/";
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getSignedInUser()) redirect(callbackUrl);
  const config = readConfig();
  const linksOffered = emailLinksEnabled(config);
  const error =
    typeof params.error !== "string"
      ? null
      : params.error === "Verification" && !linksOffered
        ? "That sign-in link has expired or has already been used. Whoever runs Undercurrent can make a new one with npm run setup."
        : (errorText[params.error] ?? "Sign-in failed. Please try again.");
  const { demoSignIn } = config;
  const oidc = readOidcSettings();
  const emailLinks = linksOffered;
  const emailLinkForm = (
    <EmailLinkForm callbackUrl={callbackUrl} validMinutes={SIGN_IN_LINK_MINUTES} outbox={!config.mail.smtpUrl} />
  );
  if (demoSignIn) await prefetch(trpc.demo.people.queryOptions());

  return (
    <div className="narrow stack">
      <div>
        <h1>Sign in to Undercurrent</h1>
        {demoSignIn ? (
          <p className="lead">
            This is the demo organisation. Pick a person to see Undercurrent through their eyes: an employee answering
            feedback requests, a manager with a team, or HR running a cycle.
          </p>
        ) : (
          <p className="lead">Sign in with your organisation&apos;s account.</p>
        )}
      </div>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {oidc && (
        <div className="card stack">
          <p>Use your organisation&apos;s account: you come back here signed in.</p>
          <p>
            <SingleSignOnButton providerId={OIDC_PROVIDER_ID} name={oidc.name} callbackUrl={callbackUrl} />
          </p>
        </div>
      )}
      {emailLinks &&
        (demoSignIn ? (
          // In the demo the picker comes first; the link is there to try the real way in.
          <details className="card" open={params.error === "Verification" || undefined}>
            <summary>Or sign in with a link by email, as people do in a real deployment</summary>
            <div className="stack">
              <p>
                A demo person&apos;s address is their name in lower case, <code>first.last@{DEMO_EMAIL_DOMAIN}</code>.
                The mail lands in the demo&apos;s outbox.
              </p>
              {emailLinkForm}
            </div>
          </details>
        ) : (
          <section className="card stack" aria-labelledby="email-link-heading">
            <h2 id="email-link-heading">Sign in with a link by email</h2>
            {emailLinkForm}
          </section>
        ))}
      {demoSignIn ? (
        <HydrateClient>
          <DemoPersonPicker callbackUrl={callbackUrl} />
        </HydrateClient>
      ) : oidc || emailLinks ? null : (
        <div className="card">
          <p>
            No sign-in method is configured yet. Whoever runs Undercurrent signs the first administrator in with{" "}
            <code>npm run setup -- --admin you@company.com</code>; then single sign-on or email links can be turned on
            (see the README&apos;s server section). For a demonstration, set <code>DEMO_SIGN_IN=1</code>.
          </p>
        </div>
      )}
    </div>
  );
}
