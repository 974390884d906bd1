import type { Metadata } from "next";
import { CycleDetail } from "@/components/cycles/cycle-detail";
import { NotAllowed } from "@/components/cycles/not-allowed";
import { HydrateClient } from "@/trpc/server";
import { hrViewer } from "@/server/auth/session";
import { loadCycle } from "./load-cycle";

export const metadata: Metadata = { title: "Feedback cycle" };

export default async function CyclePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await hrViewer(`/cycles/${id}`))) return <NotAllowed />;
  await loadCycle(id);
  return (
    <HydrateClient>
      <CycleDetail cycleId={id} />
    </HydrateClient>
  );
}
