import type { Metadata } from "next";
import { z } from "zod";
import { MyReportPage } from "@/components/report/my-report";
import { requireSignedInUser } from "@/server/auth/session";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "My report" };

export default async function ReportPage({ searchParams }: { searchParams: Promise<{ cycle?: string | string[] }> }) {
  const { cycle } = await searchParams;
  // A malformed ?cycle= is ignored rather than an error: the latest report is shown.
  const cycleId = typeof cycle === "string" && z.uuid().safeParse(cycle).success ? cycle : undefined;
  await requireSignedInUser(cycleId ? `/report?cycle=${cycleId}` : "/report");
  await prefetch(trpc.reports.mine.queryOptions({ cycleId }));
  return (
    <HydrateClient>
      <MyReportPage cycleId={cycleId} />
    </HydrateClient>
  );
}
