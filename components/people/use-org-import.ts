"use client";

import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTRPC } from "@/trpc/react";
import { changeCount } from "./import-counts";
import type { ImportCounts, ImportSource } from "./types";

/** The file and the option as the form shows them, and how its preview went. */
export interface ImportSourceState {
  pasted: string;
  fileChosen: boolean;
  deactivateMissing: boolean;
  /** The chosen file could not be read. */
  readError: string | null;
  canPreview: boolean;
  previewing: boolean;
  previewError: string | null;
}

/** The confirmation before applying: open, sending, or refused with a reason. */
export interface ApplyDialogState {
  open: boolean;
  pending: boolean;
  error: string | null;
}

/**
 * The import's steps: the file (chosen or pasted) and the option, its
 * preview, and applying exactly what was previewed. Changing the file or the
 * option forgets the preview, so that a new one is needed before applying.
 */
export function useOrgImport() {
  const trpc = useTRPC();
  const [fileText, setFileText] = useState<{ name: string; csv: string } | null>(null);
  const [pasted, setPasted] = useState("");
  const [deactivateMissing, setDeactivateMissing] = useState(false);
  const [previewed, setPreviewed] = useState<ImportSource | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<ImportCounts | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const applying = useRef(false);

  const preview = useMutation(trpc.people.previewImport.mutationOptions());
  const apply = useMutation(trpc.people.applyImport.mutationOptions());

  const csv = fileText?.csv ?? pasted;
  const forget = () => {
    setPreviewed(null);
    setDone(null);
    preview.reset();
    apply.reset();
  };

  async function chooseFile(file: File | undefined) {
    forget();
    setReadError(null);
    if (!file) return setFileText(null);
    try {
      setFileText({ name: file.name, csv: await file.text() });
    } catch {
      setFileText(null);
      setReadError(`Could not read ${file.name}. Save it again as CSV (UTF-8) and choose it again.`);
    }
  }

  function paste(text: string) {
    forget();
    setPasted(text);
  }

  function chooseDeactivateMissing(checked: boolean) {
    forget();
    setDeactivateMissing(checked);
  }

  function submitPreview(event: FormEvent) {
    event.preventDefault();
    if (csv.trim() === "") return;
    const source = { csv, deactivateMissing };
    setDone(null);
    setPreviewed(source);
    preview.mutate(source);
  }

  function confirmApply() {
    // A second click before the first one's state has rendered must not send the file twice.
    if (!previewed || applying.current) return;
    applying.current = true;
    apply.mutate(previewed, {
      onSuccess: (counts) => {
        setConfirming(false);
        setDone(counts);
        setPreviewed(null);
        preview.reset();
      },
      onSettled: () => {
        applying.current = false;
      },
    });
  }

  function closeDialog() {
    setConfirming(false);
    apply.reset();
  }

  /** The preview of the file and option as they are now; none once either changed. */
  const data = previewed ? preview.data : undefined;
  const changes = data ? changeCount(data.counts) : 0;

  const source: ImportSourceState = {
    pasted,
    fileChosen: fileText !== null,
    deactivateMissing,
    readError,
    canPreview: csv.trim() !== "",
    previewing: preview.isPending,
    previewError: preview.isError ? preview.error.message : null,
  };
  const dialog: ApplyDialogState = {
    open: confirming,
    pending: apply.isPending,
    error: apply.isError ? apply.error.message : null,
  };

  return {
    source,
    chooseFile,
    paste,
    chooseDeactivateMissing,
    submitPreview,
    data,
    changes,
    canApply: data !== undefined && data.problemCount === 0 && changes > 0,
    done,
    dialog,
    askToApply: () => setConfirming(true),
    confirmApply,
    closeDialog,
  };
}
