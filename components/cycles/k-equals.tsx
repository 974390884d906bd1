/**
 * "k = 3" kept on one line.
 */
import styles from "./cycles.module.css";

/** "k = 3", never broken across lines. */
export function KEquals({ k }: { k: number }) {
  return <span className={styles.nowrap}>k = {k}</span>;
}
