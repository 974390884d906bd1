"use client";

import { useId } from "react";
import { ApplyImportDialog } from "./apply-import-dialog";
import { summaryText } from "./import-counts";
import { ImportHelp } from "./import-help";
import { ImportPreviewSection } from "./import-preview";
import { ImportSourceForm } from "./import-source-form";
import styles from "./people.module.css";
import { useOrgImport } from "./use-org-import";

/**
 * HR's org-chart import: choose or paste a CSV, preview what it would change
 * and every problem on its row, then apply it in one step. What is applied is
 * exactly what was previewed: changing the file or the option asks for a new
 * preview first (useOrgImport).
 */
export function OrgImport() {
  const id = useId();
  const importer = useOrgImport();
  const { data } = importer;

  return (
    <div className="stack">
      <div>
        <h1>Import the org chart</h1>
        <p className="lead">
          Upload the org chart as a CSV file. You see what it would add, change and deactivate, and every problem on its
          row, before anything is written.
        </p>
      </div>

      <ImportHelp />

      {importer.done && (
        <p className={`notice ${styles.success}`} role="status">
          Imported: {summaryText(importer.done)}.
        </p>
      )}

      <ImportSourceForm
        id={id}
        source={importer.source}
        onChooseFile={importer.chooseFile}
        onPaste={importer.paste}
        onChooseDeactivateMissing={importer.chooseDeactivateMissing}
        onSubmit={importer.submitPreview}
      />

      {data && (
        <ImportPreviewSection
          id={id}
          data={data}
          changes={importer.changes}
          canApply={importer.canApply}
          onApply={importer.askToApply}
        />
      )}

      {data && (
        <ApplyImportDialog
          data={data}
          dialog={importer.dialog}
          onConfirm={importer.confirmApply}
          onClose={importer.closeDialog}
        />
      )}
    </div>
  );
}
