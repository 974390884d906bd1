import "server-only";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getQueryClient, trpc } from "@/trpc/server";

/** The cycle for a page, fetched once per request into the query cache that
 *  the page hands to the browser; an unknown id is a 404. */
export async function loadCycle(id: string) {
  if (!z.uuid().safeParse(id).success) notFound();
  try {
    return await getQueryClient().fetchQuery(trpc.cycles.detail.queryOptions({ cycleId: id }));
  } catch (error) {
    if ((error as { code?: string }).code === "NOT_FOUND") notFound();
    throw error;
  }
}
