"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/trpc/react";
import { Badge } from "../ui/badge";
import { cycleStatusLabel } from "../ui/labels";
import { QueryState } from "../ui/query-state";
import styles from "./cycles.module.css";
import { Progress } from "./cycle-progress";
import { Settings } from "./cycle-settings";
import { GroupSizeWarnings } from "./group-size-warnings";
import { NextStep } from "./next-step";
import { Reminders } from "./reminders-card";
import type { CycleDetailData } from "./types";

/** HR's page of one cycle: where it stands and its next step, reminders, settings, progress and k warnings, one file each. */
export function CycleDetail({ cycleId }: { cycleId: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.cycles.detail.queryOptions({ cycleId }));
  return (
    <QueryState query={query} what="this cycle">
      {(cycle) => <CycleDetailView cycle={cycle} />}
    </QueryState>
  );
}

function CycleDetailView({ cycle }: { cycle: CycleDetailData }) {
  const [statusText, tone] = cycleStatusLabel[cycle.status];
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className={styles.breadcrumbs}>
        <ol>
          <li>
            <Link href="/cycles">Feedback cycles</Link>
          </li>
          <li aria-current="page">{cycle.name}</li>
        </ol>
      </nav>
      <div className={styles.headerRow}>
        <h1>{cycle.name}</h1>
        <Badge tone={tone}>{statusText}</Badge>
      </div>

      <NextStep cycle={cycle} />
      {cycle.status === "collecting" && <Reminders cycle={cycle} />}
      <Settings cycle={cycle} />
      <Progress cycle={cycle} />
      {cycle.status !== "published" && <GroupSizeWarnings cycle={cycle} />}
    </div>
  );
}
