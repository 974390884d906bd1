"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

/** Starts single sign-on: the browser goes to the organisation's identity
 *  provider and comes back signed in, or to this page with the reason. */
export function SingleSignOnButton({
  providerId,
  name,
  callbackUrl,
}: {
  providerId: string;
  name: string;
  callbackUrl: string;
}) {
  const [leaving, setLeaving] = useState(false);
  return (
    <button
      type="button"
      className="button"
      disabled={leaving}
      onClick={() => {
        setLeaving(true);
        void signIn(providerId, { callbackUrl });
      }}
    >
      {leaving ? `Opening ${name}…` : `Sign in with ${name}`}
    </button>
  );
}
