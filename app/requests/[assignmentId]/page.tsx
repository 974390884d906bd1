import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { FeedbackFormPage } from "@/components/form/feedback-form";
import { requireSignedInUser } from "@/server/auth/session";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Feedback request" };

export default async function FeedbackRequestPage({ params }: { params: Promise<{ assignmentId: string }> }) {
  const { assignmentId } = await params;
  if (!z.uuid().safeParse(assignmentId).success) notFound();
  await requireSignedInUser(`/requests/${assignmentId}`);
  try {
    await getQueryClient().fetchQuery(trpc.requests.form.queryOptions({ assignmentId }));
  } catch (error) {
    if ((error as { code?: string }).code === "NOT_FOUND") notFound();
    throw error;
  }
  return (
    <HydrateClient>
      <FeedbackFormPage assignmentId={assignmentId} />
    </HydrateClient>
  );
}
