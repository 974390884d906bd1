import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { hrViewer } from "@/server/auth/session";
import { FinderPage } from "@/components/finder/finder-page";
import { finderHref, isCanonical, readFinderAddress } from "@/components/finder/finder-url";
import { NotHr } from "@/components/finder/not-hr";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Quiet-influencer finder" };

export default async function Finder({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const address = readFinderAddress(params);
  // "Everyone" in the filter form sends an empty value: keep the address short and linkable.
  if (!isCanonical(params, address)) redirect(finderHref(address));
  if (!(await hrViewer(finderHref(address)))) return <NotHr />;
  try {
    await getQueryClient().fetchQuery(
      trpc.finder.view.queryOptions({ cycleId: address.cycleId, filters: address.filters }),
    );
  } catch (error) {
    if ((error as { code?: string }).code === "NOT_FOUND") notFound();
    throw error;
  }
  return (
    <HydrateClient>
      <FinderPage address={address} />
    </HydrateClient>
  );
}
