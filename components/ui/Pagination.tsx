import Link from "next/link";

/** Previous / next links that keep the current filters; "page X of Y" for screen readers and eyes alike. */
export function Pagination({
  page,
  pages,
  href,
  labels,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  labels: { nav: string; previous: string; next: string; status: string };
}) {
  if (pages <= 1) return null;
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50";
  return (
    <nav aria-label={labels.nav} className="mt-4 flex items-center justify-between gap-4">
      {page > 1 ? (
        <Link className={link} href={href(page - 1)} rel="prev">
          ← {labels.previous}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-slate-700">{labels.status}</span>
      {page < pages ? (
        <Link className={link} href={href(page + 1)} rel="next">
          {labels.next} →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
