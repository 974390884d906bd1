import { ProgressBar } from "../ui/progress-bar";
import { SaveStatus } from "./save-status";
import type { SaveState } from "./use-draft-autosave";

/** How far the person is, and whether their draft is saved. */
export function FormProgress({
  answered,
  total,
  saveState,
}: {
  answered: number;
  total: number;
  saveState: SaveState;
}) {
  return (
    <div className="form-progress card">
      <ProgressBar value={answered} max={total} label="Statements answered" />
      <SaveStatus state={saveState} />
      {/* The choice sits above the first section; this bar stays in view wherever the person is. */}
      {saveState.kind === "conflict" && (
        <a href="#newer-answers" className="small">
          Choose which answers to keep
        </a>
      )}
    </div>
  );
}
