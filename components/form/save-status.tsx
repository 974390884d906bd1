"use client";

import { clockTime } from "./clock-time";
import type { SaveState } from "./use-draft-autosave";

/** Announces saving politely: "Saved" only after the server confirmed. */
export function SaveStatus({ state }: { state: SaveState }) {
  let text = "Your answers are saved as a draft as you go.";
  let tone = "muted";
  if (state.kind === "saving") text = "Saving…";
  if (state.kind === "saved") text = `Draft saved at ${clockTime(state.at)}`;
  if (state.kind === "failed") {
    text = `Not saved yet: ${state.message} Your answers are still here; we will keep trying.${
      state.lastSavedAt ? ` Last saved at ${clockTime(state.lastSavedAt)}.` : ""
    }`;
    tone = "save-failed";
  }
  if (state.kind === "conflict") {
    text = "Not saved: newer answers were saved from another tab or device.";
    tone = "save-failed";
  }
  return (
    <p className={`save-status ${tone}`} role="status" aria-live="polite">
      {text}
    </p>
  );
}
