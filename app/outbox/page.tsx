import type { Metadata } from "next";
import { Outbox } from "@/components/outbox/outbox";
import { OutboxNotAllowed } from "@/components/outbox/not-allowed";
import { getSignedInUser, requireSignedInUser } from "@/server/auth/session";
import { readConfig } from "@/server/config";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Dev outbox" };

export default async function OutboxPage() {
  const config = readConfig();
  // In the demo anyone may read it, signed out too: that is where a visitor's sign-in link lands.
  const user = config.demoSignIn ? await getSignedInUser() : await requireSignedInUser("/outbox");
  if (!config.demoSignIn && !user?.roles.admin) return <OutboxNotAllowed />;
  await prefetch(trpc.outbox.list.queryOptions({}));
  return (
    <HydrateClient>
      <div className="stack">
        <div>
          <h1>Dev outbox</h1>
          <p className="lead">
            {config.mail.smtpUrl
              ? "Mail now goes out through the SMTP server in SMTP_URL. This page keeps what was sent here before it was set up."
              : "No mail server is set up (SMTP_URL), so mail the app sends lands here instead of in anyone's inbox. Newest first."}
          </p>
        </div>
        <Outbox />
      </div>
    </HydrateClient>
  );
}
