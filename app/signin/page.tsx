import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DemoPersonPicker } from "@/components/auth/demo-person-picker";
import { SingleSignOnButton } from "@/components/auth/single-sign-on-button";
import { readOidcSettings } from "@/server/auth/oidc-config";
import { OIDC_PROVIDER_ID } from "@/server/auth/options";
import { readConfig } from "@/server/config";
import { getSignedInUser } from "@/server/auth/session";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Sign in" };

const errorText: Record<string, string> = {
  CredentialsSignin: "That person cannot sign in. They may have been deactivated.",
  AccessDenied: "Your account is not in the organisation's directory. Ask HR to add you.",
  NotInOrgChart:
    "You signed in with single sign-on, but that email address is not in Undercurrent's org chart, or it has been deactivated. Ask HR to add you, then try again.",
  OAuthSignin: "Single sign-on could not start. Please try again; if it keeps failing, tell your administrator.",
  OAuthCallback: "Single sign-on did not complete. Please try again; if it keeps failing, tell your administrator.",
  SessionRequired: "Please sign in to see that page.",
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
  const error = typeof params.error === "string" ? (errorText[params.error] ?? "Sign-in failed. Please try again.") : null;
  const { demoSignIn } = readConfig();
  const oidc = readOidcSettings();
  if (demoSignIn) void getQueryClient().prefetchQuery(trpc.demo.people.queryOptions());

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
      {demoSignIn ? (
        <HydrateClient>
          <DemoPersonPicker callbackUrl={callbackUrl} />
        </HydrateClient>
      ) : oidc ? null : (
        <div className="card">
          <p>
            No sign-in method is configured yet. An administrator can turn on single sign-on or email links (see the
            README&apos;s deployment section), or set <code>DEMO_SIGN_IN=1</code> for a demonstration.
          </p>
        </div>
      )}
    </div>
  );
}
