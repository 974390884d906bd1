import type { Metadata } from "next";
import { AuditLog } from "@/components/audit/audit-log";
import { NotAdmin } from "@/components/audit/not-admin";
import { SignOutEverywhere } from "@/components/audit/sign-out-everywhere";
import { requireSignedInUser } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const user = await requireSignedInUser("/audit");
  if (!user.roles.admin) return <NotAdmin />;
  await prefetch(trpc.audit.list.queryOptions({}));
  return (
    <HydrateClient>
      <div className="stack">
        <div>
          <h1>Audit log</h1>
          <p className="lead">
            Who opened whose evidence in the quiet-influencer finder, who exported a shortlist, moved a cycle on,
            imported the org chart, sent reminders or signed someone out everywhere, newest first. Submitting feedback
            is never recorded here.
          </p>
        </div>
        <SignOutEverywhere />
        <AuditLog />
      </div>
    </HydrateClient>
  );
}
