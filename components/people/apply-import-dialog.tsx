import { ConfirmDialog } from "@/components/cycles/confirm-dialog";
import { people, summaryText } from "./import-counts";
import styles from "./people.module.css";
import type { ImportPreview } from "./types";
import type { ApplyDialogState } from "./use-org-import";

/** The last word before the import is written: what it does, and who it deactivates. */
export function ApplyImportDialog({
  data,
  dialog,
  onConfirm,
  onClose,
}: {
  data: ImportPreview;
  dialog: ApplyDialogState;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <ConfirmDialog
      open={dialog.open}
      title="Apply this import?"
      confirmLabel="Apply now"
      pendingLabel="Importing…"
      pending={dialog.pending}
      progress={
        <p className={styles.progress}>
          <span className={styles.spinner} aria-hidden="true" />
          Importing {people(data.rows)}… keep this page open; it takes a few seconds for a large file.
        </p>
      }
      error={dialog.error}
      onConfirm={onConfirm}
      onClose={onClose}
    >
      <p>{summaryText(data.counts, false)}. It is written in one step: all of it, or nothing if anything fails.</p>
      {data.counts.deactivated > 0 && (
        <p>
          {people(data.counts.deactivated)} will be deactivated: they can no longer sign in or be asked for feedback.
        </p>
      )}
    </ConfirmDialog>
  );
}
