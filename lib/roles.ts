/**
 * What a person may do, from their roles: one rule each, used by the
 * procedures that enforce it and by the pages and menus that follow it.
 * Isomorphic: imported by the server and by components alike.
 */

export interface Roles {
  /** Has at least one active direct report in the org chart. */
  manager: boolean;
  hr: boolean;
  admin: boolean;
}

/** Runs cycles, imports the org chart, reads the finder and the organisation: HR, and administrators. */
export function canRunCycles(roles: Roles): boolean {
  return roles.hr || roles.admin;
}
