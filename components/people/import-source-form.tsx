import type { FormEvent } from "react";
import styles from "./people.module.css";
import type { ImportSourceState } from "./use-org-import";

/** Step 1: the file, chosen or pasted, and whether people missing from it are deactivated. */
export function ImportSourceForm({
  id,
  source,
  onChooseFile,
  onPaste,
  onChooseDeactivateMissing,
  onSubmit,
}: {
  /** A prefix for the ids the labels point at. */
  id: string;
  source: ImportSourceState;
  onChooseFile: (file: File | undefined) => Promise<void>;
  onPaste: (text: string) => void;
  onChooseDeactivateMissing: (checked: boolean) => void;
  onSubmit: (event: FormEvent) => void;
}) {
  return (
    <form className={`card ${styles.form}`} onSubmit={onSubmit} aria-labelledby={`${id}-form`}>
      <h2 id={`${id}-form`}>1. Choose the file</h2>
      <div className="field">
        <label htmlFor={`${id}-file`}>CSV file</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          className={styles.file}
          onChange={(event) => void onChooseFile(event.currentTarget.files?.[0])}
        />
        {source.readError && (
          <p className="field-error" role="alert">
            {source.readError}
          </p>
        )}
      </div>
      <details className={styles.paste} open={source.pasted !== "" ? true : undefined}>
        <summary>Or paste the CSV</summary>
        <div className="field">
          <label htmlFor={`${id}-paste`}>CSV text</label>
          <textarea
            id={`${id}-paste`}
            className="textarea"
            rows={6}
            value={source.pasted}
            disabled={source.fileChosen}
            placeholder="email,name,title,department,location,manager_email,is_hr"
            onChange={(event) => onPaste(event.currentTarget.value)}
          />
          {source.fileChosen && <p className="small muted">A file is chosen: its contents are used instead.</p>}
        </div>
      </details>
      <label className={styles.check}>
        <input
          type="checkbox"
          checked={source.deactivateMissing}
          onChange={(event) => onChooseDeactivateMissing(event.currentTarget.checked)}
        />
        <span>
          Deactivate people who are not in the file
          <span className="block small muted">
            They keep their past published results, but get no new feedback requests and can no longer sign in. Every
            manager must then be in the file.
          </span>
        </span>
      </label>
      <div className="row-start">
        <button type="submit" className="button" disabled={!source.canPreview || source.previewing}>
          {source.previewing ? "Checking the file…" : "Preview"}
        </button>
      </div>
      {source.previewError && (
        <p className="notice notice-error" role="alert">
          Could not check the file: {source.previewError}
        </p>
      )}
    </form>
  );
}
