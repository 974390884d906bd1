"use client";

import { useState } from "react";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="button button-quiet"
      disabled={pending}
      onClick={() => {
        setPending(true);
        // next-auth's client is fetched when someone signs out, not with every
        // page: the header that carries this button is on all of them (~12 KiB gzipped).
        void import("next-auth/react")
          .then(({ signOut }) => signOut({ callbackUrl: "/signin" }))
          .catch(() => setPending(false));
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
