/**
 * A cycle's settings as HR reads them.
 */
import { describeDue, formatDay } from "@/lib/format";
import styles from "./cycles.module.css";
import { type CycleDetailData } from "./types";

export function Settings({ cycle }: { cycle: CycleDetailData }) {
  return (
    <section className="card" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <dl className={styles.settings}>
        <div>
          <dt>Dates</dt>
          <dd>
            {formatDay(cycle.opensOn)} – {formatDay(cycle.closesOn)}
            {cycle.status === "collecting" && (
              <span className={styles.note} suppressHydrationWarning>
                {describeDue(cycle.closesOn)}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>Who takes part</dt>
          <dd>{cycle.departments === null ? "Whole organisation" : cycle.departments.join(", ")}</dd>
        </div>
        <div>
          <dt>Minimum group size</dt>
          <dd>
            k = {cycle.minGroupSize}
            <span className={styles.note}>
              {cycle.status === "draft" ? "can change until nominations open" : "fixed"}
            </span>
          </dd>
        </div>
        <div>
          <dt>Peers per person</dt>
          <dd>
            {cycle.minPeers}–{cycle.maxPeers}
          </dd>
        </div>
        <div>
          <dt>Competency model</dt>
          <dd>{cycle.modelName}</dd>
        </div>
      </dl>
    </section>
  );
}
