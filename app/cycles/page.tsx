import type { Metadata } from "next";
import Link from "next/link";
import { NotAllowed } from "@/components/cycles/not-allowed";
import { CyclesOverview } from "@/components/home/cycles-overview";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";
import { hrViewer } from "@/server/auth/session";

export const metadata: Metadata = { title: "Feedback cycles" };

export default async function CyclesPage() {
  if (!(await hrViewer("/cycles"))) return <NotAllowed />;
  await prefetch(trpc.cycles.overview.queryOptions());
  return (
    <HydrateClient>
      <div className="stack">
        <div className="row-between">
          <div>
            <h1>Feedback cycles</h1>
            <p className="lead">
              Create a cycle, take it step by step from nominations to close, and follow its progress: counts only,
              never who.
            </p>
          </div>
          <Link href="/cycles/new" className="button">
            New cycle
          </Link>
        </div>
        <CyclesOverview heading="All cycles" manageLink={false} />
      </div>
    </HydrateClient>
  );
}
