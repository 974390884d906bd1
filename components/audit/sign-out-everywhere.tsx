"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTRPC } from "@/trpc/react";

/** For a lost laptop or a leaver: every session of one person ends, on every
 *  device, at their next click. The action itself goes into the log below. */
export function SignOutEverywhere() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [email, setEmail] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const signOut = useMutation(
    trpc.people.signOutEverywhere.mutationOptions({
      onSuccess: async ({ name }) => {
        setDone(`${name} is signed out on every device. Signing in again works as usual.`);
        setEmail("");
        await queryClient.invalidateQueries(trpc.audit.pathFilter());
      },
    }),
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    if (!signOut.isPending) signOut.mutate({ email });
  }

  return (
    <section className="card stack" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Sign someone out everywhere</h2>
      <form className="row-start" onSubmit={onSubmit}>
        <label htmlFor={`${id}-email`} className="visually-hidden">
          Email address
        </label>
        <input
          id={`${id}-email`}
          type="email"
          className="input"
          placeholder="name@example.com"
          value={email}
          required
          autoComplete="off"
          aria-describedby={`${id}-hint`}
          onChange={(e) => setEmail(e.target.value)}
        />
        <button type="submit" className="button button-secondary" disabled={signOut.isPending}>
          {signOut.isPending ? "Signing out…" : "Sign out everywhere"}
        </button>
      </form>
      <p id={`${id}-hint`} className="small muted">
        Their sessions end on every device at their next click; they can sign in again. To keep someone out, deactivate
        them in the org chart.
      </p>
      <p role="status" className={done ? "notice" : "visually-hidden"}>
        {done}
      </p>
      {signOut.error && (
        <p className="notice notice-error" role="alert">
          {signOut.error.message}
        </p>
      )}
    </section>
  );
}
