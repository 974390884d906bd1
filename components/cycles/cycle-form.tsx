"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { useTRPC } from "@/trpc/react";
import { plural } from "@/lib/format";
import { QueryState } from "../ui/query-state";
import type { inferRouterInputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import styles from "./cycles.module.css";

/** The form edits exactly what `cycles.create` takes, every setting given. */
export type CycleFormValues = Required<inferRouterInputs<AppRouter>["cycles"]["create"]>;

type Field = keyof CycleFormValues;
type FieldErrors = Partial<Record<Field, string[] | undefined>>;

/** Numbers as typed: kept as text while editing, so a half-typed value is not lost. */
type Draft = Omit<CycleFormValues, "minGroupSize" | "minPeers" | "maxPeers"> & {
  minGroupSize: string;
  minPeers: string;
  maxPeers: string;
};

const numberFields = ["minGroupSize", "minPeers", "maxPeers"] as const;

/**
 * Creating a cycle, or editing a draft one. The server checks everything and
 * answers field by field; the form shows each message beside its field.
 */
export function CycleForm(
  props: { mode: "create"; initial: CycleFormValues } | { mode: "edit"; cycleId: string; initial: CycleFormValues },
) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const departmentsQuery = useQuery(trpc.cycles.departments.queryOptions());
  const [draft, setDraft] = useState<Draft>(() => ({
    ...props.initial,
    minGroupSize: String(props.initial.minGroupSize),
    minPeers: String(props.initial.minPeers),
    maxPeers: String(props.initial.maxPeers),
  }));
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  // A server message stays beside its field until the field is changed.
  const [editedSinceSubmit, setEditedSinceSubmit] = useState<ReadonlySet<string>>(new Set());
  const submitting = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();

  const onSuccess = async ({ id: cycleId }: { id: string }) => {
    await queryClient.invalidateQueries(trpc.cycles.pathFilter());
    router.push(`/cycles/${cycleId}`);
  };
  const create = useMutation(trpc.cycles.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.cycles.update.mutationOptions({ onSuccess }));
  const mutation = props.mode === "create" ? create : update;
  const busy = mutation.isPending || mutation.isSuccess;

  const serverErrors: FieldErrors = Object.fromEntries(
    Object.entries((mutation.error?.data?.fieldErrors as FieldErrors | null | undefined) ?? {}).filter(
      ([field]) => !editedSinceSubmit.has(field),
    ),
  );
  const errors: FieldErrors = { ...serverErrors, ...localErrors };

  // After a refused submit, take the keyboard to the first field to fix.
  const error = mutation.error;
  useEffect(() => {
    if (error) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);
  const formError =
    mutation.error && !Object.values(serverErrors).some((e) => e?.length) ? mutation.error.message : null;

  function set<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
    setLocalErrors((e) => ({ ...e, [key]: undefined }));
    setEditedSinceSubmit((edited) => new Set(edited).add(key));
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    // One cycle per click, however fast the clicks come.
    if (submitting.current || busy) return;
    const numbers: Partial<Record<(typeof numberFields)[number], number>> = {};
    const problems: FieldErrors = {};
    for (const key of numberFields) {
      const text = draft[key].trim();
      if (text === "" || !Number.isFinite(Number(text))) problems[key] = ["Enter a whole number."];
      else numbers[key] = Number(text);
    }
    setLocalErrors(problems);
    setEditedSinceSubmit(new Set());
    if (Object.keys(problems).length > 0) {
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const values: CycleFormValues = {
      ...draft,
      minGroupSize: numbers.minGroupSize!,
      minPeers: numbers.minPeers!,
      maxPeers: numbers.maxPeers!,
    };
    submitting.current = true;
    const done = { onSettled: () => void (submitting.current = false) };
    if (props.mode === "create") create.mutate(values, done);
    else update.mutate({ cycleId: props.cycleId, ...values }, done);
  }

  const scoped = draft.departments !== null;

  return (
    <form
      ref={formRef}
      className={styles.form}
      onSubmit={onSubmit}
      noValidate
      aria-describedby={formError ? `${id}-form-error` : undefined}
    >
      <TextField
        id={`${id}-name`}
        label="Name"
        hint="What participants see, e.g. “Spring 2027 review”."
        errors={errors.name}
      >
        {(described) => (
          <input
            {...described}
            type="text"
            className="input"
            value={draft.name}
            maxLength={120}
            autoComplete="off"
            onChange={(e) => set("name", e.target.value)}
          />
        )}
      </TextField>

      <div className={styles.pair}>
        <TextField id={`${id}-opens`} label="Opens on" hint="When collection is due to start." errors={errors.opensOn}>
          {(described) => (
            <input
              {...described}
              type="date"
              className="input"
              value={draft.opensOn}
              onChange={(e) => set("opensOn", e.target.value)}
            />
          )}
        </TextField>
        <TextField id={`${id}-closes`} label="Closes on" hint="The last day to answer." errors={errors.closesOn}>
          {(described) => (
            <input
              {...described}
              type="date"
              className="input"
              value={draft.closesOn}
              min={draft.opensOn || undefined}
              onChange={(e) => set("closesOn", e.target.value)}
            />
          )}
        </TextField>
      </div>

      <fieldset
        className={styles.fieldset}
        aria-describedby={errors.departments?.length ? `${id}-departments-error` : undefined}
      >
        <legend>Who takes part</legend>
        <label className={styles.choice}>
          <input type="radio" name={`${id}-scope`} checked={!scoped} onChange={() => set("departments", null)} />
          Whole organisation
        </label>
        <label className={styles.choice}>
          <input
            type="radio"
            name={`${id}-scope`}
            checked={scoped}
            onChange={() => set("departments", draft.departments ?? [])}
          />
          Chosen departments
        </label>
        {scoped && (
          <div className={styles.indented}>
            <QueryState query={departmentsQuery} what="departments">
              {(departments) => (
                <ul className={styles.choices} aria-label="Departments">
                  {departments.map((department) => (
                    <li key={department.name}>
                      <label className={styles.choice}>
                        <input
                          type="checkbox"
                          checked={draft.departments?.includes(department.name) ?? false}
                          onChange={(e) =>
                            set(
                              "departments",
                              e.target.checked
                                ? [...(draft.departments ?? []), department.name]
                                : (draft.departments ?? []).filter((d) => d !== department.name),
                            )
                          }
                        />
                        <span>
                          {department.name}{" "}
                          <span className="muted small">· {plural(department.people, "person", "people")}</span>
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              )}
            </QueryState>
          </div>
        )}
        <p className={styles.hint}>
          Everyone active in these departments is reviewed. Their managers and direct reports are asked too, wherever
          they work.
        </p>
        <FieldErrorText id={`${id}-departments-error`} errors={errors.departments} />
      </fieldset>

      <TextField
        id={`${id}-k`}
        label="Minimum group size (k)"
        hint="Anonymous answers are only ever shown for groups of at least k people. At least 3. It cannot change once nominations open."
        errors={errors.minGroupSize}
      >
        {(described) => (
          <input
            {...described}
            type="number"
            inputMode="numeric"
            min={3}
            max={50}
            step={1}
            className={`input ${styles.short}`}
            value={draft.minGroupSize}
            onChange={(e) => set("minGroupSize", e.target.value)}
          />
        )}
      </TextField>

      <fieldset className={styles.fieldset}>
        <legend>Peers per person</legend>
        <p className={styles.hint}>
          Each person proposes peers to give them feedback and their manager approves. Aim for at least the fewest; no
          more than the most are asked.
        </p>
        <div className={`${styles.pair} ${styles.keepPair}`}>
          <TextField id={`${id}-min-peers`} label="Fewest" errors={errors.minPeers}>
            {(described) => (
              <input
                {...described}
                type="number"
                inputMode="numeric"
                min={0}
                max={20}
                step={1}
                className="input"
                value={draft.minPeers}
                onChange={(e) => set("minPeers", e.target.value)}
              />
            )}
          </TextField>
          <TextField id={`${id}-max-peers`} label="Most" errors={errors.maxPeers}>
            {(described) => (
              <input
                {...described}
                type="number"
                inputMode="numeric"
                min={0}
                max={30}
                step={1}
                className="input"
                value={draft.maxPeers}
                onChange={(e) => set("maxPeers", e.target.value)}
              />
            )}
          </TextField>
        </div>
      </fieldset>

      {formError && (
        <p id={`${id}-form-error`} className="notice notice-error" role="alert">
          {formError}
        </p>
      )}
      {Object.values(errors).some((e) => e?.length) && (
        <p className="notice notice-error" role="alert">
          Some settings need another look: see the messages beside them.
        </p>
      )}

      <div className={styles.actions}>
        <button type="submit" className="button" disabled={busy} aria-disabled={busy}>
          {props.mode === "create" ? (busy ? "Creating…" : "Create cycle") : busy ? "Saving…" : "Save changes"}
        </button>
        <Link href={props.mode === "create" ? "/cycles" : `/cycles/${props.cycleId}`} className="button button-quiet">
          Cancel
        </Link>
      </div>
    </form>
  );
}

type Described = { id: string; "aria-describedby"?: string; "aria-invalid"?: true };

/** A labelled input with its hint and its errors, wired for screen readers. */
function TextField({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors: string[] | undefined;
  children: (described: Described) => ReactNode;
}) {
  const hasError = !!errors?.length;
  const describedBy = [hint && `${id}-hint`, hasError && `${id}-error`].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className={styles.hint}>
          {hint}
        </p>
      )}
      {children({ id, "aria-describedby": describedBy || undefined, "aria-invalid": hasError ? true : undefined })}
      <FieldErrorText id={`${id}-error`} errors={errors} />
    </div>
  );
}

function FieldErrorText({ id, errors }: { id: string; errors: string[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className={styles.fieldError}>
      {errors.join(" ")}
    </p>
  );
}
