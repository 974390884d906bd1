import type { Answers } from "@/lib/answers";
import { plural } from "@/lib/format";
import { clockTime } from "./clock-time";
import type { SavedDraft, StoredDraft } from "./use-draft-autosave";

/**
 * A tab left open on older answers, after another tab or device saved newer
 * ones: says so, saves nothing more, and lets the person choose. Nothing they
 * typed here is dropped unless they pick the other answers.
 */
export function NewerAnswersNotice({
  newer,
  answeredHere,
  answeredThere,
  onLoadNewer,
  onKeepMine,
}: {
  newer: SavedDraft<Answers>;
  answeredHere: number;
  answeredThere: number;
  onLoadNewer: (newer: StoredDraft<Answers>) => void;
  onKeepMine: () => void;
}) {
  return (
    <div id="newer-answers" className="notice notice-error stack-tight newer-answers" role="alert">
      <p className="strong">Newer answers were saved at {clockTime(newer.savedAt)} from another tab or device.</p>
      <p>
        This page has older answers ({plural(answeredHere, "statement")} answered; the newer ones answer {answeredThere}
        ), so nothing you change here is saved until you choose which to keep.
      </p>
      <div className="row-start">
        <button type="button" className="button" onClick={() => onLoadNewer(newer)}>
          Load the newer answers
        </button>
        <button type="button" className="button button-secondary" onClick={onKeepMine}>
          Keep the answers on this page
        </button>
      </div>
    </div>
  );
}
