"use client";

import { useQuery } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useDeferredValue, useId, useState } from "react";
import { useTRPC } from "@/trpc/react";
import { Badge } from "../ui/badge";
import { QueryState } from "../ui/query-state";
import { canRunCycles } from "@/lib/roles";

type Person = {
  id: string;
  name: string;
  title: string;
  department: string;
  roles: { manager: boolean; hr: boolean; admin: boolean };
};

const groups: { key: string; heading: string; description: string; includes: (p: Person) => boolean }[] = [
  {
    key: "hr",
    heading: "HR and administrators",
    description: "Run cycles, watch response rates, find quiet influencers.",
    includes: (p) => canRunCycles(p.roles),
  },
  {
    key: "managers",
    heading: "Managers",
    description: "See their team and who has enough responses.",
    includes: (p) => !p.roles.hr && !p.roles.admin && p.roles.manager,
  },
  {
    key: "employees",
    heading: "Employees",
    description: "Answer feedback requests and read their own report.",
    includes: (p) => !p.roles.hr && !p.roles.admin && !p.roles.manager,
  },
];

function RoleBadges({ person }: { person: Person }) {
  return (
    <span className="badges">
      {person.roles.admin && <Badge tone="accent">Admin</Badge>}
      {person.roles.hr && <Badge tone="accent">HR</Badge>}
      {person.roles.manager && <Badge tone="info">Manager</Badge>}
      {!person.roles.admin && !person.roles.hr && !person.roles.manager && <Badge>Employee</Badge>}
    </span>
  );
}

export function DemoPersonPicker({ callbackUrl }: { callbackUrl: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.demo.people.queryOptions());
  const [filter, setFilter] = useState("");
  const deferredFilter = useDeferredValue(filter);
  const [signingInAs, setSigningInAs] = useState<Person | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const searchId = useId();

  async function signInAs(person: Person) {
    setSigningInAs(person);
    setFailure(null);
    const result = await signIn("demo", { personId: person.id, callbackUrl, redirect: false });
    if (result?.ok && !result.error) {
      window.location.assign(result.url ?? callbackUrl);
    } else {
      setSigningInAs(null);
      setFailure(`Could not sign in as ${person.name}. They may have been deactivated; pick someone else.`);
    }
  }

  return (
    <QueryState query={query} what="the people of the demo organisation">
      {(people) => {
        const needle = deferredFilter.trim().toLowerCase();
        const matches = needle
          ? people.filter((p) => `${p.name} ${p.title} ${p.department}`.toLowerCase().includes(needle))
          : people;
        const suggestions = needle ? [] : groups.map((g) => people.find(g.includes)).filter((p): p is Person => !!p);
        return (
          <div className="stack">
            {failure && (
              <p className="notice notice-error" role="alert">
                {failure}
              </p>
            )}
            {signingInAs && (
              <p className="notice" role="status">
                Signing in as {signingInAs.name}…
              </p>
            )}
            {suggestions.length > 0 && (
              <section aria-labelledby="suggested-heading" className="stack-tight">
                <h2 id="suggested-heading">Try each view</h2>
                <ul className="picker-grid">
                  {suggestions.map((person, i) => (
                    <li key={person.id}>
                      <button
                        type="button"
                        className="picker-card"
                        disabled={!!signingInAs}
                        onClick={() => void signInAs(person)}
                      >
                        <span className="picker-role">{groups[i]?.heading}</span>
                        <span className="strong">{person.name}</span>
                        <span className="muted small">{person.title}</span>
                        <span className="muted small">{groups[i]?.description}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <div className="field">
              <label htmlFor={searchId}>Find anyone by name, title or department</label>
              <input
                id={searchId}
                type="search"
                className="input"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                placeholder="e.g. Engineering, manager, Priya"
                autoComplete="off"
              />
            </div>
            {matches.length === 0 && <p className="empty">Nobody matches “{filter}”.</p>}
            {groups.map((group) => {
              const members = matches.filter(group.includes);
              if (members.length === 0) return null;
              return (
                <section key={group.key} aria-labelledby={`group-${group.key}`} className="stack-tight">
                  <h2 id={`group-${group.key}`}>
                    {group.heading} <span className="muted small">({members.length})</span>
                  </h2>
                  <ul className="picker-list">
                    {members.map((person) => (
                      <li key={person.id}>
                        <button
                          type="button"
                          className="picker-row"
                          disabled={!!signingInAs}
                          onClick={() => void signInAs(person)}
                          aria-label={`Sign in as ${person.name}, ${person.title}`}
                        >
                          <span>
                            <span className="strong block">{person.name}</span>
                            <span className="muted small">
                              {person.title}
                              {person.department ? ` · ${person.department}` : ""}
                            </span>
                          </span>
                          <RoleBadges person={person} />
                        </button>
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </div>
        );
      }}
    </QueryState>
  );
}
