import type { Metadata } from "next";
import Link from "next/link";
import { CycleForm } from "@/components/cycles/cycle-form";
import styles from "@/components/cycles/cycles.module.css";
import { NotAllowed } from "@/components/cycles/not-allowed";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";
import { hrViewer } from "@/server/auth/session";
import { loadCycle } from "../load-cycle";

export const metadata: Metadata = { title: "Edit cycle" };

export default async function EditCyclePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await hrViewer(`/cycles/${id}/edit`))) return <NotAllowed />;
  const cycle = await loadCycle(id);
  await prefetch(trpc.cycles.departments.queryOptions());
  return (
    <HydrateClient>
      <div className="narrow stack">
        <nav aria-label="Breadcrumb" className={styles.breadcrumbs}>
          <ol>
            <li>
              <Link href="/cycles">Feedback cycles</Link>
            </li>
            <li>
              <Link href={`/cycles/${id}`}>{cycle.name}</Link>
            </li>
            <li aria-current="page">Edit</li>
          </ol>
        </nav>
        <h1>Edit “{cycle.name}”</h1>
        {cycle.status === "draft" ? (
          <section className="card" aria-label="Cycle settings">
            <CycleForm
              mode="edit"
              cycleId={id}
              initial={{
                name: cycle.name,
                opensOn: cycle.opensOn,
                closesOn: cycle.closesOn,
                minGroupSize: cycle.minGroupSize,
                departments: cycle.departments,
                minPeers: cycle.minPeers,
                maxPeers: cycle.maxPeers,
              }}
            />
          </section>
        ) : (
          <div className="card">
            <p>
              Only a draft cycle can be edited. This one has left draft: its settings, and its minimum group size k ={" "}
              {cycle.minGroupSize} above all, were promised to the people taking part.
            </p>
            <p>
              <Link href={`/cycles/${id}`} className="button button-secondary">
                Back to the cycle
              </Link>
            </p>
          </div>
        )}
      </div>
    </HydrateClient>
  );
}
