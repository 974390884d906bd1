import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../engines";
import { people } from "../schema";
import { endSessionsOf } from "./auth-sessions";

export type { Roles } from "../../../lib/roles";
import type { Roles } from "../../../lib/roles";

export interface Viewer {
  id: string;
  name: string;
  email: string;
  title: string;
  department: string;
  roles: Roles;
}

// Written with explicit aliases: in a single-table select drizzle leaves
// column names unqualified, which a correlated subquery would capture.
const hasActiveReports = sql<boolean>`exists (
  select 1 from people as report where report.manager_id = "people"."id" and report.active
)`;

/** A person with the roles the org chart and flags give them now. */
const personWithRoles = {
  id: people.id,
  name: people.name,
  email: people.email,
  title: people.title,
  department: people.department,
  isHr: people.isHr,
  isAdmin: people.isAdmin,
  manager: hasActiveReports,
};

type PersonWithRolesRow = Omit<Viewer, "roles"> & { isHr: boolean; isAdmin: boolean; manager: boolean };

function toViewer({ isHr, isAdmin, manager, ...person }: PersonWithRolesRow): Viewer {
  return { ...person, roles: { manager, hr: isHr, admin: isAdmin } };
}

/** The person as the app sees them now: roles come from the org chart and
 *  flags at every request, so a change applies on the next one. Deactivated
 *  or unknown people are nobody. (Whether a session is still live is
 *  auth-sessions.ts's question.) */
export async function findActiveViewer(db: Db, personId: string): Promise<Viewer | null> {
  const [row] = await db
    .select(personWithRoles)
    .from(people)
    .where(and(eq(people.id, personId), eq(people.active, true)));
  return row ? toViewer(row) : null;
}

/** Ends every session of the person with this email, on every device; the
 *  next request of each is signed out. Null when there is no such person. */
export async function signOutEverywhere(db: Db, email: string): Promise<{ id: string; name: string } | null> {
  const [person] = await db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(eq(people.email, email.trim().toLowerCase()));
  if (!person) return null;
  await endSessionsOf(db, person.id);
  return person;
}

export interface SignInPerson {
  id: string;
  name: string;
  email: string;
}

/** The active person with this email (any case), for single sign-on and
 *  emailed links: the org chart, not the identity provider or whoever typed
 *  the address, decides who may come in. */
export async function findActivePersonByEmail(db: Db, email: string): Promise<SignInPerson | null> {
  const [row] = await db
    .select({ id: people.id, name: people.name, email: people.email })
    .from(people)
    .where(and(eq(people.email, email.trim().toLowerCase()), eq(people.active, true)));
  return row ?? null;
}

/** Records that the person opened a link sent to their address; null when
 *  they are not (or no longer) active. */
export async function markEmailVerified(
  db: Db,
  { personId, at }: { personId: string; at: Date },
): Promise<SignInPerson | null> {
  const [row] = await db
    .update(people)
    .set({ emailVerified: at })
    .where(and(eq(people.id, personId), eq(people.active, true)))
    .returning({ id: people.id, name: people.name, email: people.email });
  return row ?? null;
}

export type PickablePerson = Omit<Viewer, "email">;

/** Everyone who can sign in, for the demo person picker. */
export async function listActivePeopleWithRoles(db: Db): Promise<PickablePerson[]> {
  const rows = await db.select(personWithRoles).from(people).where(eq(people.active, true)).orderBy(asc(people.name));
  return rows.map((row) => {
    const { id, name, title, department, roles } = toViewer(row);
    return { id, name, title, department, roles };
  });
}
