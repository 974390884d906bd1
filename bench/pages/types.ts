/** Who a page is measured for, what was opened, and what it loaded. */

export type Role = "hr" | "manager" | "employee";

export interface SignedInPerson {
  role: Role;
  name: string;
  sessionToken: string;
}

export interface PageRoute {
  /** What the table shows, e.g. /requests/[assignmentId]. */
  label: string;
  /** What the browser opens. */
  path: string;
  who: SignedInPerson | null;
  /** A short word on what the page is, for the table. */
  what?: string;
}

export interface LoadedScript {
  url: string;
  gzipBytes: number;
  hasRecharts: boolean;
  libraries: string[];
}

export interface PageLoad {
  scripts: LoadedScript[];
  /** Requests for the data of linked pages the router sent (and, when refused, that were aborted). */
  prefetches: number;
}

export interface RouteMeasurement {
  route: PageRoute;
  own: PageLoad;
  /** The same page with link prefetches allowed. */
  withPrefetch: PageLoad;
}
