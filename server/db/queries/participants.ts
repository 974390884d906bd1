import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * Who takes part in a cycle: active people in the cycle's departments (all
 * departments when the cycle names none). One SQL predicate, so that
 * nominations, assignment generation and progress agree on it.
 *
 * `person` and `cycle` are the people and cycles tables of the surrounding
 * query, or their aliases: `.from(people).innerJoin(cycles, …).where(takesPart(people, cycles))`,
 * or in SQL text `from people p, cycles c where ${takesPart(p, c)}` with
 * `p = alias(people, "p")` and `c = alias(cycles, "c")`.
 */
export function takesPart(
  person: { active: AnyPgColumn; department: AnyPgColumn },
  cycle: { departments: AnyPgColumn },
): SQL {
  return sql`(${person.active} and (${cycle.departments} is null or ${person.department} = any(${cycle.departments})))`;
}
