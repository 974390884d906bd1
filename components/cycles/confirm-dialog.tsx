"use client";

import { type ReactNode, useEffect, useId, useRef } from "react";
import styles from "./cycles.module.css";

/**
 * A modal question before a step that cannot be undone. The native <dialog>
 * keeps focus inside, closes on Escape and gives focus back to the button
 * that opened it. Cancel takes the focus first: the safe choice is the easy one.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  pendingLabel,
  pending,
  progress,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  /** Where a long step stands, shown while it runs. */
  progress?: ReactNode;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onClose={onClose}
      onCancel={(event) => {
        // Escape while the step runs would hide its outcome.
        if (pending) event.preventDefault();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`}>{children}</div>
      {pending && progress && (
        <div role="status" aria-live="polite">
          {progress}
        </div>
      )}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <div className={styles.actions} style={{ marginTop: "1rem" }}>
        <button type="button" className="button button-quiet" onClick={onClose} disabled={pending} autoFocus>
          Cancel
        </button>
        <button type="button" className="button" onClick={onConfirm} disabled={pending}>
          {pending ? pendingLabel : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
