"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { LINK_NOT_SENT, TOO_MANY_LINKS } from "./sign-in-messages";

type State = { step: "asking"; error: string | null } | { step: "sending" } | { step: "sent"; email: string };

/** Loose on purpose: the server normalises and decides; this only catches typos. */
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Asks for a sign-in link by email. The answer is the same whether or not
 * the address is known, so the page says "if"; the link itself arrives by
 * mail (or, in the demo, in the outbox).
 */
export function EmailLinkForm({
  callbackUrl,
  validMinutes,
  outbox,
}: {
  callbackUrl: string;
  validMinutes: number;
  /** The demo without SMTP: mail lands in the dev outbox, so say where. */
  outbox: boolean;
}) {
  const [state, setState] = useState<State>({ step: "asking", error: null });
  const [email, setEmail] = useState("");
  const sentHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (state.step === "sent") sentHeading.current?.focus();
  }, [state.step]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (state.step === "sending") return;
    const address = email.trim();
    if (!LOOKS_LIKE_EMAIL.test(address)) {
      setState({ step: "asking", error: "Enter your work email address, like name@example.com." });
      return;
    }
    setState({ step: "sending" });
    const result = await signIn("email", { email: address, callbackUrl, redirect: false }).catch(() => undefined);
    if (!result || result.error) {
      setState({
        step: "asking",
        error: result?.error === "TooManyLinks" ? TOO_MANY_LINKS : LINK_NOT_SENT,
      });
      return;
    }
    setState({ step: "sent", email: address });
  }

  if (state.step === "sent") {
    return (
      <div className="stack" role="status">
        <h3 ref={sentHeading} tabIndex={-1}>
          Check your inbox
        </h3>
        <p>
          If <strong>{state.email}</strong> belongs to someone in your organisation&apos;s Undercurrent, a sign-in link
          is on its way. It works once, within {validMinutes} minutes, on the device where you open it.
        </p>
        {outbox && (
          <p>
            This demo sends no real mail: the link is in the <Link href="/outbox">outbox</Link>.
          </p>
        )}
        <p>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => setState({ step: "asking", error: null })}
          >
            Use a different address
          </button>
        </p>
      </div>
    );
  }

  const error = state.step === "asking" ? state.error : null;
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="sign-in-email">Work email</label>
        <input
          id="sign-in-email"
          className="input"
          type="email"
          name="email"
          autoComplete="email"
          inputMode="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "sign-in-email-error" : undefined}
        />
        {error && (
          <p className="field-error" id="sign-in-email-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <p>
        <button type="submit" className="button" disabled={state.step === "sending"}>
          {state.step === "sending" ? "Sending the link…" : "Email me a sign-in link"}
        </button>
      </p>
    </form>
  );
}
