import Link from "next/link";
import type { ReactNode } from "react";
import type { ContextUser } from "@/server/api/trpc";
import { readConfig } from "@/server/config";
import { SignOutButton } from "../auth/sign-out-button";
import { type NavLink, NavLinks } from "./nav-links";
import { canRunCycles } from "@/lib/roles";

function linksFor(user: ContextUser): NavLink[] {
  const links: NavLink[] = [
    { href: "/", label: "Home" },
    { href: "/nominations", label: "Nominations" },
    { href: "/report", label: "My report" },
  ];
  if (user.roles.manager) links.push({ href: "/team", label: "My team" });
  if (canRunCycles(user.roles)) {
    links.push(
      { href: "/cycles", label: "Cycles" },
      { href: "/finder", label: "Finder" },
      { href: "/organisation", label: "Organisation" },
      { href: "/people/import", label: "People" },
    );
  }
  if (user.roles.admin) links.push({ href: "/audit", label: "Audit log" });
  // Where mail lands without SMTP: admins, and in the demo everyone (to see the reminder they were sent).
  if (user.roles.admin || readConfig().demoSignIn) links.push({ href: "/outbox", label: "Outbox" });
  return links;
}

function roleNames(user: ContextUser): string {
  const names = [user.roles.admin && "Admin", user.roles.hr && "HR", user.roles.manager && "Manager"].filter(Boolean);
  return names.length ? names.join(" · ") : "Employee";
}

/** `banner` sits inside the header landmark, e.g. the demo-mode notice. */
export function SiteHeader({ user, banner }: { user: ContextUser | null; banner?: ReactNode }) {
  return (
    <header className="site-header">
      {banner}
      <div className="site-header-inner">
        <Link href="/" className="brand">
          <span aria-hidden="true" className="brand-mark">
            ≈
          </span>
          Undercurrent
        </Link>
        {user && <NavLinks links={linksFor(user)} />}
        {user && (
          <div className="who">
            <span className="who-text">
              <span className="strong">{user.name}</span>
              <span className="muted small">{roleNames(user)}</span>
            </span>
            <SignOutButton />
          </div>
        )}
      </div>
    </header>
  );
}
