import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";

/** The look of a filter's text input or select. */
export const filterInputClass = "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm";

const columns = {
  5: "grid gap-3 sm:grid-cols-2 lg:grid-cols-5",
  6: "grid gap-3 sm:grid-cols-2 lg:grid-cols-6",
} as const;

/** A labelled filter (input or select) in a FilterBar. */
export function FilterField({
  id,
  label,
  className,
  labelClassName = "block text-sm font-medium text-slate-800",
  children,
}: {
  id: string;
  label: ReactNode;
  className?: string;
  labelClassName?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      {children}
    </div>
  );
}

/** A labelled select in a FilterBar; `all` adds a first, empty option that means "no filter". */
export function FilterSelect({
  id,
  name = id,
  label,
  value,
  all,
  options,
  labelClassName,
}: {
  id: string;
  name?: string;
  label: ReactNode;
  value: string | undefined;
  all?: string;
  options: readonly { value: string; label: string }[];
  labelClassName?: string;
}) {
  return (
    <FilterField id={id} label={label} labelClassName={labelClassName}>
      <select id={id} name={name} defaultValue={value ?? ""} className={filterInputClass}>
        {all !== undefined && <option value="">{all}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FilterField>
  );
}

/**
 * A list's filters as a plain GET form in a card: the view lives in the URL, can be shared and works before
 * JavaScript. The fields come as children; the submit button and an optional "clear" link close the row.
 */
export function FilterBar({
  action,
  label,
  cols = 6,
  className,
  submitLabel,
  clear,
  actionsClassName,
  after,
  fold,
  children,
}: {
  action: string;
  /** The search landmark's name, where the page has more than one or the heading does not say it. */
  label?: string;
  cols?: 5 | 6;
  className?: string;
  submitLabel: string;
  /** A link back to the unfiltered list; `null` hides it. */
  clear?: { href: string; label: string; className?: string } | null;
  /** Column span of the submit row. */
  actionsClassName?: string;
  /** Anything after the submit row inside the form (a hint spanning the grid). */
  after?: ReactNode;
  /**
   * Below 640 px the fields fold behind one button that says how many filters are in use, so a phone shows the
   * list first (a <details>: it works before JavaScript); from 640 px up they are always open.
   */
  fold?: { label: string; active: string | null };
  children: ReactNode;
}) {
  const fields = (
    <div className={columns[cols]}>
      {children}
      <div className={actionsClassName ? `flex items-end gap-3 ${actionsClassName}` : "flex items-end gap-3"}>
        <Button type="submit">{submitLabel}</Button>
        {clear && (
          <Link
            href={clear.href}
            data-control
            className={clear.className ?? "text-sm font-medium text-brand-700 underline"}
          >
            {clear.label}
          </Link>
        )}
      </div>
      {after}
    </div>
  );
  return (
    <Card padding={4} role="search" aria-label={label} className={className}>
      <form method="get" action={action}>
        {fold ? (
          <details className="filter-fold group">
            <summary className="flex cursor-pointer items-center justify-between gap-3 rounded-md font-semibold text-brand-800">
              <span>
                {fold.label}
                {fold.active && <span className="ml-2 font-normal text-slate-700">({fold.active})</span>}
              </span>
              <span aria-hidden="true" className="transition-transform group-open:rotate-180">
                ▾
              </span>
            </summary>
            <div className="mt-3 sm:mt-0">{fields}</div>
          </details>
        ) : (
          fields
        )}
      </form>
    </Card>
  );
}
