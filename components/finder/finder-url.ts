/**
 * The finder keeps its state in the address (`?cycle=&department=&level=&location=`),
 * so a view can be linked, bookmarked and left with the back button. These
 * functions read that state leniently (a malformed value is dropped, never an
 * error) and write it back in one canonical form.
 */

export interface FinderFilters {
  department?: string;
  level?: number;
  location?: string;
}

export interface FinderAddress {
  cycleId?: string;
  filters: FinderFilters;
}

type SearchParams = Record<string, string | string[] | undefined>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function single(value: string | string[] | undefined): string | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  // The API bounds names at 200 characters; anything longer matches nobody anyway.
  return text && text.length <= 200 ? text : undefined;
}

export function readFinderAddress(params: SearchParams): FinderAddress {
  const cycle = single(params.cycle);
  const level = single(params.level);
  const filters: FinderFilters = {};
  const department = single(params.department);
  const location = single(params.location);
  if (department) filters.department = department;
  if (level && /^\d{1,2}$/.test(level) && Number(level) <= 20) filters.level = Number(level);
  if (location) filters.location = location;
  return { cycleId: cycle && UUID.test(cycle) ? cycle : undefined, filters };
}

/** The query string of an address, empty filters left out: `?cycle=…&department=…`. */
export function finderQuery({ cycleId, filters }: FinderAddress): string {
  const query = new URLSearchParams();
  if (cycleId) query.set("cycle", cycleId);
  if (filters.department !== undefined) query.set("department", filters.department);
  if (filters.level !== undefined) query.set("level", String(filters.level));
  if (filters.location !== undefined) query.set("location", filters.location);
  const text = query.toString();
  return text ? `?${text}` : "";
}

export function finderHref(address: FinderAddress): string {
  return `/finder${finderQuery(address)}`;
}

/** A person's evidence; it carries the finder's filters so that "back" returns to the same view. */
export function evidenceHref(subjectId: string, address: FinderAddress & { cycleId: string }): string {
  return `/finder/${subjectId}${finderQuery(address)}`;
}

/** Whether the address as given differs from its canonical form (empty or malformed values). */
export function isCanonical(params: SearchParams, address: FinderAddress): boolean {
  const given = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) given.append(key, v);
  }
  const text = given.toString();
  return (text ? `?${text}` : "") === finderQuery(address);
}
