import type { Metadata } from "next";
import Link from "next/link";
import { CycleForm } from "@/components/cycles/cycle-form";
import styles from "@/components/cycles/cycles.module.css";
import { defaultCycleValues } from "@/components/cycles/defaults";
import { NotAllowed } from "@/components/cycles/not-allowed";
import { HydrateClient, prefetch, trpc } from "@/trpc/server";
import { hrViewer } from "@/server/auth/session";

export const metadata: Metadata = { title: "New cycle" };

export default async function NewCyclePage() {
  if (!(await hrViewer("/cycles/new"))) return <NotAllowed />;
  await prefetch(trpc.cycles.departments.queryOptions());
  const today = new Date().toISOString().slice(0, 10);
  return (
    <HydrateClient>
      <div className="narrow stack">
        <nav aria-label="Breadcrumb" className={styles.breadcrumbs}>
          <ol>
            <li>
              <Link href="/cycles">Feedback cycles</Link>
            </li>
            <li aria-current="page">New cycle</li>
          </ol>
        </nav>
        <div>
          <h1>New cycle</h1>
          <p className="lead">
            A new cycle starts as a draft that only HR sees. Nothing is sent to anyone until you open nominations.
          </p>
        </div>
        <section className="card" aria-label="Cycle settings">
          <CycleForm mode="create" initial={defaultCycleValues(today)} />
        </section>
      </div>
    </HydrateClient>
  );
}
