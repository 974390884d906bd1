import "server-only";
import { sql, type SQL } from "drizzle-orm";

/**
 * Who takes part in a cycle: active people in the cycle's departments (all
 * departments when the cycle names none). One SQL predicate, so that
 * nominations, assignment generation and progress agree on it.
 *
 * `person` and `cycle` are the aliases of the people and cycles rows in the
 * surrounding query, e.g. `from people p, cycles c where ${takesPart("p", "c")}`.
 */
export function takesPart(person: string, cycle: string): SQL {
  const p = sql.identifier(person);
  const c = sql.identifier(cycle);
  return sql`(${p}.active and (${c}.departments is null or ${p}.department = any(${c}.departments)))`;
}
