"use client";

/**
 * Previous and next under a list read a page at a time, with where the page
 * stands: "51–100 of 4,136". Nothing when everything fits on one page.
 */
export function Pager({
  page,
  pageSize,
  total,
  what,
  loading,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  /** "quiet influencers": read out with the position. */
  what: string;
  /** The next page is on its way: the buttons wait. */
  loading: boolean;
  onPage: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages === 1) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const count = (n: number) => n.toLocaleString("en");
  // aria-disabled rather than disabled: a disabled button drops keyboard focus,
  // and after "Next" to the last page the focus would fall to the top of the page.
  const step = (to: number, possible: boolean) => ({
    "aria-disabled": !possible || loading,
    onClick: () => {
      if (possible && !loading) onPage(to);
    },
  });
  return (
    <nav className="pager" aria-label={`Pages of ${what}`}>
      <button type="button" className="button button-secondary" {...step(page - 1, page > 1)}>
        ← Previous
      </button>
      <p className="small" aria-live="polite">
        {loading ? "Loading…" : `${count(first)}–${count(last)} of ${count(total)} ${what}`}
      </p>
      <button type="button" className="button button-secondary" {...step(page + 1, page < pages)}>
        Next →
      </button>
    </nav>
  );
}
